internal import CLibXML2

/// Sibling elements as libxml2's HTML serializer wrote them once, with the Markdown they give, kept
/// so that later reports insert the bytes instead of building and serializing the same nodes again.
///
/// In a report's tree a fragment is one CDATA node, which libxml2's HTML serializer writes as it is
/// (its "preserve" node), pointing at this object's facts; the Markdown writer reads the Markdown
/// there instead. Not a text node, which libxml2 would merge into a text node before it. The bytes come
/// only from libxml2's serialization of nodes built like every other (text cleaned and escaped as
/// ever), never from text a client wrote: see `StaticPart` and `FrameParts`.
final class SerializedFragment: @unchecked Sendable {
    /// Where in the Markdown writer's walk the fragment stands, which decides what its Markdown is.
    enum Role: Equatable {
        /// Blocks (among blocks), written without the blank line before the first.
        case blocks
        /// A table's `thead` with one row: its cells between pipes, without the delimiter row.
        case headerRow(cells: Int)
        /// One `th` or `td` in a row: its inline content, escaped.
        case cell
        /// One `li` in a list: its inline content, escaped, as it follows the item's marker.
        case listItem
    }

    /// What writing needs of this fragment, as plain values that fragment nodes point at
    /// (`HTMLDocument.mark`): reading them costs no reference counting on an object every thread shares.
    let facts: UnsafeMutablePointer<FragmentFacts>

    /// How many sibling elements the bytes stand for.
    var elementCount: Int { facts.pointee.elementCount }

    /// `build` adds elements, and nothing else, to the container it is given in a scratch document
    /// that reads through `names`. Nil when it added none, or what it added does not fit `role`
    /// (`headerRow` wants one `thead` holding one row of at least one cell, `cell` one `th` or `td`,
    /// `listItem` one `li`).
    init?(role requestedRole: Role, names: HTMLNames, build: (HTMLDocument, HTMLDocument.Node) -> Void) {
        guard let scratch = HTMLDocument.scratch(names: names), let body = scratch.root.flatMap(scratch.firstChild) else {
            return nil
        }
        // A container libxml2 does not know, so it breaks no line inside its own tags and only the
        // breaks between the elements remain; checked, as a libxml2 that knew `section` would add some.
        precondition(!HTMLDocument.endsLines("section"), "libxml2 knows <section> as a block element")
        let container = scratch.element("section", in: body)
        build(scratch, container)
        let elements = scratch.children(of: container)
        guard let last = elements.last, elements.allSatisfy({ scratch.tagName(of: $0) != nil }) else { return nil }

        var writer = MarkdownWriter(document: scratch)
        let markdown: [UInt8]
        let role: Role
        switch requestedRole {
        case .blocks:
            role = .blocks
            markdown = writer.blocks(in: container)
        case .headerRow:
            let rows = scratch.children(of: last)
            guard elements.count == 1, scratch.tag(of: last) == .thead, rows.count == 1, scratch.tag(of: rows[0]) == .tr else { return nil }
            let (line, cells) = writer.headerRow(rows[0])
            guard cells > 0 else { return nil }  // a row without cells ends a Markdown table before it starts
            markdown = line
            role = .headerRow(cells: cells)
        case .cell:
            guard elements.count == 1, scratch.tag(of: last) == .th || scratch.tag(of: last) == .td else { return nil }
            role = .cell
            markdown = writer.cell(last)
        case .listItem:
            guard elements.count == 1, scratch.tag(of: last) == .li else { return nil }
            role = .listItem
            markdown = writer.listItem(last)
        }

        let open = Array("<section>".utf8), close = Array("</section>".utf8)
        let bytes = scratch.writing { htmlNodeDumpFormatOutput($0, scratch.document, container.pointer, "UTF-8", 1) }
        guard bytes.starts(with: open), bytes.count >= open.count + close.count, bytes.suffix(close.count).elementsEqual(close) else {
            return nil
        }
        let html = bytes[open.count..<(bytes.count - close.count)]
        let variants = [(false, false), (false, true), (true, false), (true, true)].map { before, after in
            Self.cString((before ? [0x0A] : []) + html + (after ? [0x0A] : []) + [0])
        }
        facts = .allocate(capacity: 1)
        facts.initialize(to: FragmentFacts(
            role: role, markdown: UnsafeBufferPointer(Self.buffer(markdown)), elementCount: elements.count,
            lastEndsLine: last.pointer.pointee.ns == nil && HTMLDocument.endsLines(scratch.tagName(of: last) ?? ""),
            variants: (variants[0], variants[1], variants[2], variants[3])))
    }

    deinit {
        let held = facts.pointee
        [held.variants.0, held.variants.1, held.variants.2, held.variants.3].forEach { $0.deallocate() }
        held.markdown.deallocate()
        facts.deinitialize(count: 1)
        facts.deallocate()
    }

    private static func buffer(_ bytes: [UInt8]) -> UnsafeMutableBufferPointer<UInt8> {
        let copy = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
        _ = copy.initialize(from: bytes)
        return copy
    }

    /// `bytes`, which end in a zero byte, as a C string of their own.
    private static func cString(_ bytes: [UInt8]) -> UnsafeMutablePointer<xmlChar> {
        let copy = UnsafeMutablePointer<xmlChar>.allocate(capacity: bytes.count)
        copy.initialize(from: bytes, count: bytes.count)
        return copy
    }
}

/// A fragment's bytes and what its neighbours in a report need to know of it, owned by its
/// `SerializedFragment` and freed with it.
struct FragmentFacts {
    let role: SerializedFragment.Role
    /// As the Markdown writer wrote it, for the role.
    let markdown: UnsafeBufferPointer<UInt8>
    /// How many sibling elements the bytes stand for.
    let elementCount: Int
    /// Whether libxml2 ends a line after the last element when an element follows it: an HTML tag
    /// it knows, not inline, in no namespace.
    let lastEndsLine: Bool
    /// The serialized elements as C strings, one for each combination of the line breaks libxml2's
    /// formatting may put at their edges (index: 2 for a break before, plus 1 for one after), which
    /// depend on the neighbours the fragment has in each report (`HTMLDocument.resolveFragments`).
    /// Fragment nodes point at them; the document clears those pointers before libxml2 frees a node.
    let variants: (UnsafeMutablePointer<xmlChar>, UnsafeMutablePointer<xmlChar>, UnsafeMutablePointer<xmlChar>, UnsafeMutablePointer<xmlChar>)

    func html(breakBefore: Bool, breakAfter: Bool) -> UnsafeMutablePointer<xmlChar> {
        switch (breakBefore, breakAfter) {
        case (false, false): return variants.0
        case (false, true): return variants.1
        case (true, false): return variants.2
        case (true, true): return variants.3
        }
    }
}
