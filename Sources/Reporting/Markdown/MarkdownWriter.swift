/// Writes GitHub-flavoured Markdown by walking the report's HTML tree, so both formats say the same thing.
///
/// Every text node is escaped on the way out (`MarkdownEscaping`): nothing a client wrote can become
/// a heading, a list, a link, a table cell or raw HTML. The SVG chart is skipped; the score table
/// beside it, with its text bars, carries the same numbers.
struct MarkdownWriter {
    let document: HTMLDocument
    private var blocks: [String] = []

    init(document: HTMLDocument) {
        self.document = document
    }

    mutating func write() -> String {
        guard let root = document.root else { return "" }
        for child in document.children(of: root) where isElement(child, "body") {
            block(child)
        }
        return blocks.joined(separator: "\n\n") + "\n"
    }

    private mutating func block(_ node: HTMLDocument.Node) {
        guard case .element(let tag) = document.kind(of: node) else {
            if case .text = document.kind(of: node) { paragraph(inline(node)) }
            return
        }
        switch tag {
        case "h1", "h2", "h3", "h4", "h5", "h6":
            let level = Int(String(tag.dropFirst())) ?? 2
            let text = inline(node)
            if !text.isEmpty { blocks.append(String(repeating: "#", count: level) + " " + text) }
        case "p", "figcaption":
            paragraph(inline(node))
        case "ul", "ol":
            list(node, ordered: tag == "ol")
        case "table":
            table(node)
        case "svg", "img", "script", "style", "head", "template":
            return
        case "hr":
            blocks.append("---")
        default:
            for child in document.children(of: node) { block(child) }
        }
    }

    private mutating func paragraph(_ text: String) {
        guard !text.isEmpty else { return }
        blocks.append(MarkdownEscaping.blockStart(text))
    }

    private mutating func list(_ node: HTMLDocument.Node, ordered: Bool) {
        let items = document.children(of: node).filter { isElement($0, "li") }
        let lines = items.enumerated().map { index, item in
            (ordered ? "\(index + 1). " : "- ") + MarkdownEscaping.blockStart(inline(item))
        }
        if !lines.isEmpty { blocks.append(lines.joined(separator: "\n")) }
    }

    private mutating func table(_ node: HTMLDocument.Node) {
        let rows = document.elements(below: node) { isElement($0, "tr") }.map { row in
            document.children(of: row).filter { isElement($0, "th") || isElement($0, "td") }.map { inline($0) }
        }
        guard let header = rows.first, !header.isEmpty else { return }
        var lines = [row(header), "| " + header.map { _ in "---" }.joined(separator: " | ") + " |"]
        for cells in rows.dropFirst() {
            let padded = cells + Array(repeating: "", count: max(0, header.count - cells.count))
            lines.append(row(Array(padded.prefix(header.count))))
        }
        blocks.append(lines.joined(separator: "\n"))
    }

    private func row(_ cells: [String]) -> String {
        "| " + cells.map { $0.isEmpty ? " " : $0 }.joined(separator: " | ") + " |"
    }

    /// The text of a node's inline content on one line: escaped text, with strong and em marked.
    private func inline(_ node: HTMLDocument.Node) -> String {
        var out = ""
        for child in document.children(of: node) {
            switch document.kind(of: child) {
            case .text(let text):
                out += MarkdownEscaping.text(text)
            case .element(let tag):
                let inner = inline(child)
                switch tag {
                case "strong", "b": out += inner.isEmpty ? "" : "**\(inner)**"
                case "em", "i": out += inner.isEmpty ? "" : "*\(inner)*"
                case "br": out += " "
                case "svg", "img", "script", "style": break
                default: out += inner
                }
            case .other:
                break
            }
        }
        return MarkdownEscaping.collapseSpaces(out)
    }

    private func isElement(_ node: HTMLDocument.Node, _ name: String) -> Bool {
        if case .element(let tag) = document.kind(of: node) { return tag == name }
        return false
    }
}
