import Assessment

/// Fills a copy of the template's frame with one assessment's sections.
///
/// Renderers never score: everything shown comes from the `Assessment` value.
struct ReportBuilder {
    let document: HTMLDocument
    let styles: StyleTable
    let assessment: Assessment
    let branding: Branding
    /// The history's view of this client, when there is one.
    var comparison: AssessmentComparison?
    /// The template's shared chart layouts and names.
    let radarLayouts: RadarLayouts

    /// Appends an element styled from the sheet (by tag and class), with optional text.
    @discardableResult
    func add(
        _ tag: String, in parent: HTMLDocument.Node, class className: String? = nil, text: String? = nil,
        attributes: [(String, String)] = []
    ) -> HTMLDocument.Node {
        add(styles.element(tag: tag, className: className, in: document), in: parent, text: text, attributes: attributes)
    }

    /// `add` with the element already looked up, for loops that add many elements of one kind. Its name,
    /// class and style are interned, so none of them is copied.
    @discardableResult
    func add(
        _ element: ElementStyle, in parent: HTMLDocument.Node, text: String?, attributes: [(String, String)] = [],
        scope: InternedString? = nil
    ) -> HTMLDocument.Node {
        let node = document.element(element.tag, in: parent)
        for (name, value) in attributes { document.addAttribute(name, value, on: node) }
        if let scope { document.addAttribute(styles.common.scope, scope, on: node) }
        if let className = element.className { document.addAttribute(styles.common.classAttribute, className, on: node) }
        if let style = element.style { document.addAttribute(styles.common.style, style, on: node) }
        if let text { document.text(text, in: node) }
        return node
    }

    /// A paragraph holding a bold lead-in followed by plain text.
    func labelled(_ label: String, _ value: String, in parent: HTMLDocument.Node, class className: String? = nil) {
        let paragraph = add("p", in: parent, class: className)
        add("strong", in: paragraph, text: label)
        document.text(" \(value)", in: paragraph)
    }

    /// A table with a header row; every cell is text. The first column is a row header when `rowHeaders`.
    func table(headers: [String], rows: [[String]], in parent: HTMLDocument.Node, rowHeaders: Bool = false, cellClasses: [String?] = []) {
        let table = add("table", in: parent)
        let head = add("thead", in: table)
        let headRow = add("tr", in: head)
        let header = styles.element(tag: "th", className: nil, in: document)
        for text in headers { add(header, in: headRow, text: text, scope: styles.common.column) }
        let body = add("tbody", in: table)
        // Each column's element, looked up once per table rather than once per cell.
        let columns = max(headers.count, rows.reduce(0) { max($0, $1.count) })
        let cells = (0..<columns).map { index in
            styles.element(
                tag: rowHeaders && index == 0 ? "th" : "td", className: index < cellClasses.count ? cellClasses[index] : nil,
                in: document)
        }
        let rowElement = styles.element(tag: "tr", className: nil, in: document)
        for row in rows {
            let tableRow = add(rowElement, in: body, text: nil)
            for (index, text) in row.enumerated() {
                add(cells[index], in: tableRow, text: text, scope: rowHeaders && index == 0 ? styles.common.row : nil)
            }
        }
    }

    /// Builds every section into its slot (found by the paths the template recorded), replacing anything
    /// a slot holds (the template empties them when it loads).
    func build(slots paths: [String: [Int]]) {
        // Every slot is found before any is filled, as the paths lead through the frame as it was copied.
        let title = paths["title"].flatMap(document.node(at:))
        let slots = ReportTemplate.slots.map { name in paths[name].flatMap(document.node(at:)).map { (name, $0) } }
        if let title { document.setText("\(assessment.client.name): \(assessment.rubric.title)", of: title) }
        for case let (name, slot)? in slots {
            document.removeChildren(of: slot)
            fill(name, slot)
        }
    }

    /// A switch rather than a table of closures, each of which would hold a copy of the builder.
    private func fill(_ name: String, _ slot: HTMLDocument.Node) {
        switch name {
        case "header": header(slot)
        case "summary": summary(slot)
        case "chart": chart(slot)
        case "criteria": criteria(slot)
        case "rules": rules(slot)
        case "actions": actions(slot)
        case "coverage": coverage(slot)
        case "method": method(slot)
        case "appendix": appendix(slot)
        default: break
        }
    }
}

/// Words shared by both formats.
enum ReportText {
    static func score(_ value: Double?) -> String {
        value.map { "\(NumberText.format($0))/100" } ?? "not scored"
    }

    static func percent(_ fraction: Double) -> String {
        "\(NumberText.format(NumberText.round(fraction * 100, places: 0)))%"
    }

    /// A text bar of 20 cells for a 0...100 score: readable where the chart is not (Markdown, images off).
    static func bar(_ value: Double?) -> String {
        guard let value else { return unscoredBar }
        return bars[max(0, min(20, Int((value / 5).rounded())))]
    }

    /// Every bar, by cells filled, made once rather than for each table row.
    private static let bars = (0...20).map { String(repeating: "█", count: $0) + String(repeating: "░", count: 20 - $0) }
    private static let unscoredBar = String(repeating: "·", count: 20)

    static func verdictHeadline(_ verdict: Verdict) -> String {
        switch verdict {
        case .keepInHouse: return "Verdict: keep it in-house"
        case .hybrid: return "Verdict: hybrid (keep the voice, share the work)"
        case .outsource: return "Verdict: outsource"
        case .inconclusive: return "Verdict: inconclusive"
        }
    }
}
