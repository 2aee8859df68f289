/// A table cell's text, and whether it is the same in every report that shows it (a criterion's title,
/// a band, a text bar): such a cell is a static part, kept serialized by the template.
enum CellText {
    case varying(String)
    case fixed(String)
}

extension ReportBuilder {
    /// A table with a header row; every cell is text. The first column is a row header when `rowHeaders`.
    func table(headers: [String], rows: [[CellText]], in parent: HTMLDocument.Node, rowHeaders: Bool = false, cellClasses: [String?] = []) {
        let table = add("table", in: parent)
        add(.tableHead(headers: headers), in: table)
        let body = add("tbody", in: table)
        // Each column's element, looked up once per table rather than once per cell.
        let columns = max(headers.count, rows.reduce(0) { max($0, $1.count) })
        let classes = (0..<columns).map { $0 < cellClasses.count ? cellClasses[$0] : nil }
        let cells = (0..<columns).map { index in
            styles.element(tag: rowHeaders && index == 0 ? "th" : "td", className: classes[index], in: document)
        }
        let rowElement = styles.element(tag: "tr", className: nil, in: document)
        for row in rows {
            let tableRow = add(rowElement, in: body, text: nil)
            for (index, cell) in row.enumerated() {
                let isRowHeader = rowHeaders && index == 0
                switch cell {
                case .varying(let text): add(cells[index], in: tableRow, text: text, scope: isRowHeader ? styles.common.row : nil)
                case .fixed(let text): add(.cell(rowHeader: isRowHeader, text: text, className: classes[index]), in: tableRow)
                }
            }
        }
    }
}
