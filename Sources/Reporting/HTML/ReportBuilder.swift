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
    /// The template's shared chart layouts.
    let radarLayouts: RadarLayouts

    /// Appends an element styled from the sheet (by tag and class), with optional text.
    @discardableResult
    func add(
        _ tag: String, in parent: HTMLDocument.Node, class className: String? = nil, text: String? = nil,
        attributes: [(String, String)] = []
    ) -> HTMLDocument.Node {
        add(tag, in: parent, class: className, style: styles.style(tag: tag, className: className), text: text, attributes: attributes)
    }

    /// `add` with the style already looked up, for loops that add many elements of one kind.
    @discardableResult
    func add(
        _ tag: String, in parent: HTMLDocument.Node, class className: String?, style: String?, text: String?,
        attributes: [(String, String)] = []
    ) -> HTMLDocument.Node {
        let node = document.element(tag, in: parent, attributes: attributes, text: text)
        if let className { document.addAttribute("class", className, on: node) }
        if let style { document.addCleanAttribute("style", style, on: node) }
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
        let headerStyle = styles.style(tag: "th", className: nil)
        let columnScope = [("scope", "col")]
        for header in headers { add("th", in: headRow, class: nil, style: headerStyle, text: header, attributes: columnScope) }
        let body = add("tbody", in: table)
        // Each column's tag, class and style, looked up once per table rather than once per cell.
        let columns = max(headers.count, rows.map(\.count).max() ?? 0)
        let cells = (0..<columns).map { index -> (tag: String, className: String?, style: String?) in
            let className = index < cellClasses.count ? cellClasses[index] : nil
            let tag = rowHeaders && index == 0 ? "th" : "td"
            return (tag, className, styles.style(tag: tag, className: className))
        }
        let rowStyle = styles.style(tag: "tr", className: nil)
        let rowScope = [("scope", "row")]
        for row in rows {
            let tableRow = add("tr", in: body, class: nil, style: rowStyle, text: nil)
            for (index, cell) in row.enumerated() {
                let column = cells[index]
                add(column.tag, in: tableRow, class: column.className, style: column.style, text: cell,
                    attributes: rowHeaders && index == 0 ? rowScope : [])
            }
        }
    }

    /// Builds every section into its slot (found by the paths the template recorded). The template's
    /// placeholder content is replaced.
    func build(slots paths: [String: [Int]]) {
        var slots: [String: HTMLDocument.Node] = [:]
        for (name, path) in paths {
            if let node = document.node(at: path) { slots[name] = node }
        }
        let fill: [(String, (HTMLDocument.Node) -> Void)] = [
            ("header", header), ("summary", summary), ("chart", chart), ("criteria", criteria), ("rules", rules),
            ("actions", actions), ("coverage", coverage), ("method", method), ("appendix", appendix),
        ]
        if let title = slots["title"] {
            document.setText("\(assessment.client.name): \(assessment.rubric.title)", of: title)
        }
        for (name, builder) in fill {
            guard let slot = slots[name] else { continue }
            document.removeChildren(of: slot)
            builder(slot)
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
        guard let value else { return String(repeating: "·", count: 20) }
        let filled = max(0, min(20, Int((value / 5).rounded())))
        return String(repeating: "█", count: filled) + String(repeating: "░", count: 20 - filled)
    }

    static func verdictHeadline(_ verdict: Verdict) -> String {
        switch verdict {
        case .keepInHouse: return "Verdict: keep it in-house"
        case .hybrid: return "Verdict: hybrid (keep the voice, share the work)"
        case .outsource: return "Verdict: outsource"
        case .inconclusive: return "Verdict: inconclusive"
        }
    }
}
