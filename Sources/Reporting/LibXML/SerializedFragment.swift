internal import CLibXML2

/// Sibling elements as libxml2's HTML serializer wrote them once, with the Markdown they give, kept
/// so that later reports insert the bytes instead of building and serializing the same nodes again.
///
/// In a report's tree a fragment is one CDATA node, which libxml2's HTML serializer writes as it is
/// (its "preserve" node), pointing back at this object, which the Markdown writer reads instead. Not a
/// text node: libxml2 merges a text node into the one before it. The
/// bytes come only from libxml2's serialization of nodes built like every other (text cleaned and
/// escaped as ever), never from text a client wrote: see `StaticPart`.
final class SerializedFragment: @unchecked Sendable {
    /// The serialized elements as C strings, one for each combination of the line breaks libxml2's
    /// formatting may put at their edges (index: 2 for a break before, plus 1 for one after), which
    /// depend on the neighbours the fragment has in each report (`HTMLDocument.resolveFragments`).
    /// Fragment nodes point at them; the document clears those pointers before libxml2 frees a node.
    private let variants: [UnsafeMutablePointer<xmlChar>]
    /// Where the Markdown writer takes the fragment's Markdown.
    enum Role {
        /// Blocks, written without the blank line before the first.
        case blocks
        /// A table's header row (a `thead`): its cells between pipes, without the delimiter row.
        case headerRow(cells: Int)
        /// One `th` or `td`: its inline content, escaped.
        case cell
    }

    let role: Role
    /// As the Markdown writer wrote it, for the role.
    let markdown: [UInt8]
    /// How many sibling elements the bytes stand for.
    let elementCount: Int
    /// Whether libxml2 ends a line after the last element when an element follows it (a block element).
    let lastEndsLine: Bool

    /// `build` adds elements, and nothing else, to the container it is given in a scratch document
    /// that reads through `names`. Nil when it added none.
    init?(names: HTMLNames, build: (HTMLDocument, HTMLDocument.Node) -> Void) {
        guard let scratch = HTMLDocument.scratch(names: names), let body = scratch.root.flatMap(scratch.firstChild) else {
            return nil
        }
        // A container libxml2 does not know, so its own tags get no line breaks and only those between
        // the elements remain; `section` is one.
        let container = scratch.element("section", in: body)
        build(scratch, container)
        let elements = scratch.children(of: container)
        guard let last = elements.last,
            elements.allSatisfy({ scratch.tagName(of: $0) != nil })
        else { return nil }
        var bytes = scratch.writing { htmlNodeDumpFormatOutput($0, scratch.document, container.pointer, "UTF-8", 1) }
        let open = Array("<section>".utf8), close = Array("</section>".utf8)
        guard bytes.starts(with: open), bytes.count >= open.count + close.count, bytes.suffix(close.count).elementsEqual(close) else {
            return nil
        }
        bytes.removeLast(close.count)
        bytes.removeFirst(open.count)
        variants = [(false, false), (false, true), (true, false), (true, true)].map { before, after in
            let text = (before ? [0x0A] : []) + bytes + (after ? [0x0A] : []) + [0]
            let copy = UnsafeMutablePointer<xmlChar>.allocate(capacity: text.count)
            copy.initialize(from: text, count: text.count)
            return copy
        }
        var writer = MarkdownWriter(document: scratch)
        switch elements.count == 1 ? scratch.tag(of: last) : nil {
        case .thead?:
            guard let row = scratch.firstChild(of: last) else { return nil }
            let (line, cells) = writer.headerRow(row)
            (role, markdown) = (.headerRow(cells: cells), line)
        case .th?, .td?:
            (role, markdown) = (.cell, writer.cell(last))
        default:
            (role, markdown) = (.blocks, writer.blocks(in: container))
        }
        elementCount = elements.count
        lastEndsLine = HTMLDocument.endsLines(scratch.tagName(of: last) ?? "")
    }

    deinit {
        variants.forEach { $0.deallocate() }
    }

    func html(breakBefore: Bool, breakAfter: Bool) -> UnsafeMutablePointer<xmlChar> {
        variants[(breakBefore ? 2 : 0) + (breakAfter ? 1 : 0)]
    }
}

extension HTMLDocument {
    /// An empty `<html><body>` document for building fragments, reading names through `names`.
    static func scratch(names: HTMLNames) -> HTMLDocument? {
        guard let document = htmlNewDocNoDtD(nil, nil) else { return nil }
        let scratch = HTMLDocument(owningScratch: document, names: names)
        guard let html = xmlNewDocNode(document, nil, "html", nil) else { return nil }
        xmlDocSetRootElement(document, html)
        _ = scratch.element("body", in: Node(pointer: html))
        return scratch
    }

    /// Appends `fragment` to `parent`. Its bytes go in when the document is serialized, once the
    /// neighbours that decide the line breaks at its edges are all there. Not in a `p` (or any element
    /// whose name starts with p), inside which libxml2 breaks no lines between the elements.
    func insert(_ fragment: SerializedFragment, in parent: Node) {
        assert(parent.pointer.pointee.name?.pointee != UInt8(ascii: "p"), "a fragment inside an element named p…")
        // Made empty: the content is set when the document is serialized, and cleared before it is freed.
        guard let node = xmlNewCDataBlock(document, nil, 0) else {
            preconditionFailure("libxml2 could not allocate a node (out of memory)")
        }
        mark(Node(pointer: node), as: fragment)
        xmlAddChild(parent.pointer, node)
    }

    /// Makes an empty CDATA node stand for `fragment`.
    func mark(_ node: Node, as fragment: SerializedFragment) {
        precondition(node.pointer.pointee.type == XML_CDATA_SECTION_NODE && node.pointer.pointee.content == nil, "only an empty fragment node")
        node.pointer.pointee._private = Unmanaged.passUnretained(fragment).toOpaque()
        retainedFragments.append(fragment)
    }

    /// The fragment a node stands for, if it is one.
    func fragment(at node: Node) -> SerializedFragment? {
        let pointer = node.pointer
        guard pointer.pointee.type == XML_CDATA_SECTION_NODE, let opaque = pointer.pointee._private else { return nil }
        return Unmanaged<SerializedFragment>.fromOpaque(opaque).takeUnretainedValue()
    }

    /// Gives every fragment node its bytes, with the line breaks libxml2 would have written at its
    /// edges had its elements been in the tree (the rules of `htmlNodeDumpFormatOutput` in format mode).
    /// libxml2 writes those that depend on a node not being text itself (a fragment is not); what is
    /// left is the break after the last element when an element follows, and, when the fragment is
    /// its parent's only child but stands for several, the breaks inside the parent's tags.
    func resolveFragments() {
        guard !retainedFragments.isEmpty, let root = document.pointee.children else { return }
        resolveFragments(below: root)
    }

    private func resolveFragments(below first: xmlNodePtr) {
        var child: xmlNodePtr? = first
        while let current = child {
            child = current.pointee.next
            if let fragment = fragment(at: Node(pointer: current)) {
                resolve(current, fragment)
            } else if current.pointee.type == XML_ELEMENT_NODE, let children = current.pointee.children {
                resolveFragments(below: children)
            }
        }
    }

    private func resolve(_ node: xmlNodePtr, _ fragment: SerializedFragment) {
        guard let parent = node.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE, let parentName = parent.pointee.name else { return }
        let notInP = parentName.pointee != UInt8(ascii: "p")  // libxml2 writes no breaks in p, pre and param
        let alone = node.pointee.prev == nil && node.pointee.next == nil
        let insideTags = alone && fragment.elementCount > 1 && notInP && parent.pointee.ns == nil && Self.endsLines(parentName)
        var afterLast = insideTags
        if let next = node.pointee.next {
            afterLast = notInP && fragment.lastEndsLine && (next.pointee.type == XML_ELEMENT_NODE || self.fragment(at: Node(pointer: next)) != nil)
        }
        node.pointee.content = fragment.html(breakBefore: insideTags, breakAfter: afterLast)
    }

    /// Frees a node and everything below it, first taking back from fragment nodes the bytes they
    /// point at, which belong to their fragment and not to libxml2.
    func free(_ node: xmlNodePtr) {
        if !retainedFragments.isEmpty { releaseFragmentBytes(from: node, siblings: false) }
        xmlFreeNode(node)
    }

    /// Clears the content of every fragment node at and below `first` (and after it, with `siblings`).
    func releaseFragmentBytes(from first: xmlNodePtr, siblings: Bool) {
        var child: xmlNodePtr? = first
        while let current = child {
            child = siblings ? current.pointee.next : nil
            if fragment(at: Node(pointer: current)) != nil {
                current.pointee.content = nil
            } else if current.pointee.type == XML_ELEMENT_NODE, let children = current.pointee.children {
                releaseFragmentBytes(from: children, siblings: true)
            }
        }
    }

    /// Whether libxml2's HTML serializer ends lines around this element in format mode: a tag it knows
    /// that is not inline.
    static func endsLines(_ name: UnsafePointer<xmlChar>) -> Bool {
        guard let description = htmlTagLookup(name) else { return false }
        return description.pointee.isinline == 0
    }

    static func endsLines(_ name: String) -> Bool {
        withXMLString(name) { endsLines($0) }
    }
}
