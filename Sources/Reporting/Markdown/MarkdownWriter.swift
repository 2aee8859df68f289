/// Writes GitHub-flavoured Markdown by walking the report's HTML tree, so both formats say the same thing.
///
/// Every text node is escaped on the way out (`MarkdownEscaping`): nothing a client wrote can become
/// a heading, a list, a link, a table cell or raw HTML. The SVG chart is skipped; the score table
/// beside it, with its text bars, carries the same numbers. Works on UTF-8 bytes, straight from the
/// tree into one buffer: every character it escapes is ASCII, and batches render many reports.
struct MarkdownWriter: ~Copyable {
    let document: HTMLDocument
    private var out = MarkdownOutput(capacity: 32 * 1024)

    init(document: HTMLDocument) {
        self.document = document
    }

    mutating func write() -> [UInt8] {
        guard let root = document.root else { return [] }
        var child = document.firstChild(of: root)
        while let current = child {
            if document.tag(of: current) == .body { block(current) }
            child = document.nextSibling(of: current)
        }
        out.append(0x0A)
        return out.bytes
    }

    /// Whether `block` reads an element's children as blocks, or skips them all: only there may a
    /// fragment of blocks stand (a list item's or a cell's fragment stands only in a list or a row).
    static func readsChildrenAsBlocks(_ tag: HTMLDocument.Tag?) -> Bool {
        switch tag {
        case .body?, .other?, .hidden?, .head?, .template?: return true
        default: return false
        }
    }

    /// The blocks inside `container`, without a blank line before the first: a fragment's Markdown.
    mutating func blocks(in container: HTMLDocument.Node) -> [UInt8] {
        var child = document.firstChild(of: container)
        while let current = child {
            block(current)
            child = document.nextSibling(of: current)
        }
        return out.bytes
    }

    private mutating func block(_ node: HTMLDocument.Node) {
        guard let tag = document.tag(of: node) else {
            if let fragment = document.fragment(at: node) {
                precondition(fragment.role == .blocks, "a kept list item or cell among blocks")
                // Written as `blocks(in:)` wrote it, after the blank line any block starts with.
                if !fragment.markdown.isEmpty {
                    startBlock()
                    out.append(written: fragment.markdown)
                }
                return
            }
            paragraph(node, isText: true)
            return
        }
        switch tag {
        case .heading(let level):
            paragraph(node, headingLevel: level)
        case .p, .figcaption:
            paragraph(node)
        case .ul, .ol:
            list(node, ordered: tag == .ol)
        case .table:
            var columns: Int?
            _ = tableRows(below: node, columns: &columns)
        case .hidden, .head, .template:
            return
        case .hr:
            startBlock()
            out.append("---")
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
        if !out.isEmpty { out.append("\n\n") }
    }

    /// One line of inline content, or nothing when it is empty.
    private mutating func paragraph(_ node: HTMLDocument.Node, headingLevel: Int = 0, isText: Bool = false) {
        let start = out.count
        startBlock()
        if headingLevel > 0 {
            out.append(UInt8(ascii: "#"), count: headingLevel)
            out.append(0x20)
        }
        out.beginLine()
        if isText { text(node) } else { inline(node) }
        if out.lineIsEmpty {
            out.removeAll(from: start)
        } else {
            out.finishLine(escapingStart: headingLevel == 0)
        }
    }

    private mutating func list(_ node: HTMLDocument.Node, ordered: Bool) {
        var number = 0
        var child = document.firstChild(of: node)
        while let item = child {
            child = document.nextSibling(of: item)
            let fragment = document.fragment(at: item)
            guard fragment != nil || document.tag(of: item) == .li else { continue }
            number += 1
            if number == 1 { startBlock() } else { out.append(0x0A) }
            if ordered {
                out.append(decimal: number)
                out.append(". ")
            } else {
                out.append("- ")
            }
            if let fragment {
                precondition(fragment.role == .listItem, "a kept part in a list that is not a list item")
                out.append(written: fragment.markdown)
            } else {
                itemContent(item)
            }
        }
    }

    /// An item's inline content, after its marker.
    private mutating func itemContent(_ item: HTMLDocument.Node) {
        out.beginLine()
        inline(item)
        out.finishLine(escapingStart: true)
    }

    private mutating func text(_ node: HTMLDocument.Node) {
        precondition(document.fragment(at: node) == nil, "a fragment among inline content; fragments are blocks, list items or cells (StaticPart)")
        document.withTextBytes(of: node) { out.append(escaping: $0) }
    }

    /// A node's inline content, on the current line: escaped text, with strong and em marked.
    private mutating func inline(_ node: HTMLDocument.Node) {
        var child = document.firstChild(of: node)
        while let current = child {
            child = document.nextSibling(of: current)
            guard let tag = document.tag(of: current) else {
                text(current)
                continue
            }
            switch tag {
            case .strong, .em:
                let emphasis = out.openEmphasis(tag == .strong ? "**" : "*")
                inline(current)
                out.closeEmphasis(emphasis)
            case .br: out.space()
            case .hidden: break
            default: inline(current)
            }
        }
    }

    // MARK: Tables

    /// Writes every `tr` element below `node`, depth first in document order. The first row with cells
    /// sets the number of columns; a first row without any ends the table before it starts.
    /// Returns false once the table has ended.
    private mutating func tableRows(below node: HTMLDocument.Node, columns: inout Int?) -> Bool {
        var child = document.firstChild(of: node)
        while let current = child {
            child = document.nextSibling(of: current)
            if let fragment = document.fragment(at: current), case .headerRow(let cells) = fragment.role {
                // Kept only for a table's head, so always its first row.
                precondition(columns == nil, "a kept header row after the table's first row")
                startBlock()
                out.append(written: fragment.markdown)
                columns = cells
                delimiterRow(cells: cells)
                continue
            }
            guard let tag = document.tag(of: current) else { continue }
            if tag == .tr, !tableRow(current, columns: &columns) { return false }
            if !tableRows(below: current, columns: &columns) { return false }
        }
        return true
    }

    /// One row: its `th` and `td` cells, cut or padded to the number of columns. The first row is the
    /// header, followed by the delimiter row. Returns false when a first row has no cells.
    private mutating func tableRow(_ row: HTMLDocument.Node, columns: inout Int?) -> Bool {
        let start = out.count
        if columns == nil { startBlock() } else { out.append(0x0A) }
        let cells = cells(of: row, limit: columns ?? .max)
        if let columns {
            for _ in cells..<columns { out.append("   |") }
            return true
        }
        guard cells > 0 else {
            out.removeAll(from: start)
            return false
        }
        columns = cells
        delimiterRow(cells: cells)
        return true
    }

    /// "|" and at most `limit` cells, each followed by " |"; returns how many.
    private mutating func cells(of row: HTMLDocument.Node, limit: Int) -> Int {
        out.append("|")
        var cells = 0
        var child = document.firstChild(of: row)
        while let cell = child, cells < limit {
            child = document.nextSibling(of: cell)
            if let fragment = document.fragment(at: cell) {
                precondition(fragment.role == .cell, "a kept part in a row that is not a cell")
                out.append(0x20)
                out.append(written: fragment.markdown)
            } else {
                let tag = document.tag(of: cell)
                guard tag == .th || tag == .td else { continue }
                out.append(0x20)
                cellContent(cell)
            }
            out.append(" |")
            cells += 1
        }
        return cells
    }

    /// A cell's inline content, or one space when it has none.
    private mutating func cellContent(_ cell: HTMLDocument.Node) {
        out.beginLine()
        inline(cell)
        if out.lineIsEmpty { out.append(0x20) }
    }

    private mutating func delimiterRow(cells: Int) {
        out.append("\n|")
        for _ in 0..<cells { out.append(" --- |") }
    }

    // MARK: Fragments

    /// A header row's cells as `tableRow` writes them before the delimiter row, and how many there are.
    mutating func headerRow(_ row: HTMLDocument.Node) -> ([UInt8], Int) {
        let cells = cells(of: row, limit: .max)
        return (out.bytes, cells)
    }

    /// A list item's content as `list` writes it after the marker.
    mutating func listItem(_ item: HTMLDocument.Node) -> [UInt8] {
        itemContent(item)
        return out.bytes
    }

    /// A cell's content as `tableRow` writes it between " " and " |".
    mutating func cell(_ cell: HTMLDocument.Node) -> [UInt8] {
        cellContent(cell)
        return out.bytes
    }
}
