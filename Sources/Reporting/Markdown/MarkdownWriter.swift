/// Writes GitHub-flavoured Markdown by walking the report's HTML tree, so both formats say the same thing.
///
/// Every text node is escaped on the way out (`MarkdownEscaping`): nothing a client wrote can become
/// a heading, a list, a link, a table cell or raw HTML. The SVG chart is skipped; the score table
/// beside it, with its text bars, carries the same numbers. Works on UTF-8 bytes: every character it
/// escapes is ASCII, and batches render many reports.
struct MarkdownWriter {
    let document: HTMLDocument
    private var out: [UInt8] = []

    init(document: HTMLDocument) {
        self.document = document
    }

    mutating func write() -> [UInt8] {
        out.reserveCapacity(32 * 1024)
        guard let root = document.root else { return [] }
        var child = document.firstChild(of: root)
        while let current = child {
            if document.tag(of: current) == .body { block(current) }
            child = document.nextSibling(of: current)
        }
        out.append(0x0A)
        return out
    }

    private mutating func block(_ node: HTMLDocument.Node) {
        guard let tag = document.tag(of: node) else {
            paragraph(prefix: [], node, isText: true)
            return
        }
        switch tag {
        case .heading(let level):
            paragraph(prefix: Array(repeating: UInt8(ascii: "#"), count: level) + [0x20], node)
        case .p, .figcaption:
            paragraph(prefix: [], node)
        case .ul, .ol:
            list(node, ordered: tag == .ol)
        case .table:
            table(node)
        case .hidden, .head, .template:
            return
        case .hr:
            startBlock()
            out.append(contentsOf: "---".utf8)
        default:
            var child = document.firstChild(of: node)
            while let current = child {
                block(current)
                child = document.nextSibling(of: current)
            }
        }
    }

    /// Starts a block: a blank line after whatever came before.
    private mutating func startBlock() {
        if !out.isEmpty { out.append(contentsOf: [0x0A, 0x0A]) }
    }

    /// One line of inline content, or nothing when it is empty.
    private mutating func paragraph(prefix: [UInt8], _ node: HTMLDocument.Node, isText: Bool = false) {
        var line = MarkdownEscaping.Line()
        if isText { line.text(of: node, in: document) } else { inline(node, into: &line) }
        guard !line.isEmpty else { return }
        startBlock()
        out.append(contentsOf: prefix)
        line.finishBlock(into: &out, escapeStart: prefix.isEmpty)
    }

    private mutating func list(_ node: HTMLDocument.Node, ordered: Bool) {
        var number = 0
        var child = document.firstChild(of: node)
        while let item = child {
            child = document.nextSibling(of: item)
            guard document.tag(of: item) == .li else { continue }
            number += 1
            if number == 1 { startBlock() } else { out.append(0x0A) }
            out.append(contentsOf: (ordered ? "\(number). " : "- ").utf8)
            var line = MarkdownEscaping.Line()
            inline(item, into: &line)
            line.finishBlock(into: &out, escapeStart: true)
        }
    }

    private mutating func table(_ node: HTMLDocument.Node) {
        var rows: [HTMLDocument.Node] = []
        collectRows(below: node, into: &rows)
        var columns = 0
        for (index, row) in rows.enumerated() {
            var cells: [MarkdownEscaping.Line] = []
            var child = document.firstChild(of: row)
            while let cell = child {
                child = document.nextSibling(of: cell)
                let tag = document.tag(of: cell)
                guard tag == .th || tag == .td else { continue }
                var line = MarkdownEscaping.Line()
                inline(cell, into: &line)
                cells.append(line)
            }
            if index == 0 {
                guard !cells.isEmpty else { return }
                columns = cells.count
                startBlock()
            } else {
                out.append(0x0A)
            }
            while cells.count < columns { cells.append(MarkdownEscaping.Line()) }
            out.append(contentsOf: "|".utf8)
            for cell in cells.prefix(columns) {
                out.append(0x20)
                if cell.isEmpty { out.append(0x20) } else { cell.finishBlock(into: &out, escapeStart: false) }
                out.append(contentsOf: " |".utf8)
            }
            if index == 0 {
                out.append(0x0A)
                out.append(contentsOf: ("|" + String(repeating: " --- |", count: columns)).utf8)
            }
        }
    }

    /// Every `tr` element below `node`, depth first in document order.
    private func collectRows(below node: HTMLDocument.Node, into rows: inout [HTMLDocument.Node]) {
        var child = document.firstChild(of: node)
        while let current = child {
            child = document.nextSibling(of: current)
            guard let tag = document.tag(of: current) else { continue }
            if tag == .tr { rows.append(current) }
            collectRows(below: current, into: &rows)
        }
    }

    /// A node's inline content: escaped text, with strong and em marked.
    private func inline(_ node: HTMLDocument.Node, into line: inout MarkdownEscaping.Line) {
        var child = document.firstChild(of: node)
        while let current = child {
            child = document.nextSibling(of: current)
            guard let tag = document.tag(of: current) else {
                line.text(of: current, in: document)
                continue
            }
            switch tag {
            case .strong, .em:
                var inner = MarkdownEscaping.Line()
                inline(current, into: &inner)
                line.emphasis(inner, marker: tag == .strong ? "**" : "*")
            case .br: line.space()
            case .hidden: break
            default: inline(current, into: &line)
            }
        }
    }
}
