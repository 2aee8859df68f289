internal import CLibXML2

/// Fragment nodes (`SerializedFragment`) in a document: putting them in, giving them their bytes
/// when the document is written, and taking the bytes back before libxml2 frees a node.
extension HTMLDocument {
    /// An empty `<html><body>` document for building fragments, reading names through `names`.
    static func scratch(names: HTMLNames) -> HTMLDocument? {
        guard let document = htmlNewDocNoDtD(nil, nil) else { return nil }
        let scratch = HTMLDocument(owning: document, readingThrough: names)
        guard let html = xmlNewDocNode(document, nil, "html", nil) else { return nil }
        xmlDocSetRootElement(document, html)
        _ = scratch.element("body", in: Node(pointer: html))
        return scratch
    }

    /// Appends `fragment` to `parent`. Its bytes go in when the document is serialized, once the
    /// neighbours that decide the line breaks at its edges are all there.
    func insert(_ fragment: SerializedFragment, in parent: Node) {
        // libxml2 breaks no line between the elements of a p, pre or param; the bytes have those breaks.
        precondition(fragment.elementCount == 1 || parent.pointer.pointee.name?.pointee != UInt8(ascii: "p"),
                     "a fragment of several elements inside an element whose name starts with p")
        let node = emptyFragmentNode()
        mark(Node(pointer: node), as: fragment)
        xmlAddChild(parent.pointer, node)
    }

    /// Puts an empty fragment node where `node` was (for `mark` to fill in each copy), and frees `node`.
    func replaceWithFragmentNode(_ node: Node) {
        xmlReplaceNode(node.pointer, emptyFragmentNode())
        free(node.pointer)
    }

    /// Makes an empty fragment node stand for `fragment`.
    func mark(_ node: Node, as fragment: SerializedFragment) {
        precondition(node.pointer.pointee.type == XML_CDATA_SECTION_NODE && node.pointer.pointee.content == nil,
                     "only an empty fragment node stands for a fragment")
        node.pointer.pointee._private = Unmanaged.passUnretained(fragment).toOpaque()
        keepAlive(fragment)
    }

    /// A CDATA node with no content: its content is set when the document is serialized and cleared
    /// before it is freed.
    private func emptyFragmentNode() -> xmlNodePtr {
        guard let node = xmlNewCDataBlock(document, nil, 0) else {
            preconditionFailure("libxml2 could not allocate a node (out of memory)")
        }
        return node
    }

    /// The fragment a node stands for, if it is one.
    func fragment(at node: Node) -> SerializedFragment? {
        let pointer = node.pointer
        guard pointer.pointee.type == XML_CDATA_SECTION_NODE, let opaque = pointer.pointee._private else { return nil }
        return Unmanaged<SerializedFragment>.fromOpaque(opaque).takeUnretainedValue()
    }

    /// Gives every fragment node its bytes, with the line breaks libxml2 would have written at its
    /// edges had its elements been in the tree (the rules of `htmlNodeDumpFormatOutput` in format mode).
    /// libxml2 writes those that only need a node not to be text (a fragment is not); what is left is
    /// the break after the last element when a node other than text follows, and, when the fragment
    /// is its parent's only child but stands for several elements, the breaks inside the parent's tags.
    func resolveFragments() {
        guard hasFragments, let root = document.pointee.children else { return }
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
        let notInP = parentName.pointee != UInt8(ascii: "p")  // libxml2 breaks no lines in p, pre and param
        let alone = node.pointee.prev == nil && node.pointee.next == nil
        let insideTags = alone && fragment.elementCount > 1 && notInP && parent.pointee.ns == nil && Self.endsLines(parentName)
        let afterLast: Bool
        if let next = node.pointee.next {
            afterLast = notInP && fragment.lastEndsLine && next.pointee.type != XML_TEXT_NODE && next.pointee.type != XML_ENTITY_REF_NODE
        } else {
            afterLast = insideTags
        }
        node.pointee.content = fragment.html(breakBefore: insideTags, breakAfter: afterLast)
    }

    /// Frees a node and everything below it, first taking back from fragment nodes the bytes they
    /// point at, which belong to their fragment and not to libxml2.
    func free(_ node: xmlNodePtr) {
        if hasFragments { releaseFragmentBytes(from: node, siblings: false) }
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

    /// Whether libxml2's HTML serializer breaks lines around this element in format mode: a tag it
    /// knows that is not inline (the caller checks the element is in no namespace).
    static func endsLines(_ name: UnsafePointer<xmlChar>) -> Bool {
        guard let description = htmlTagLookup(name) else { return false }
        return description.pointee.isinline == 0
    }

    static func endsLines(_ name: String) -> Bool {
        withXMLString(name) { endsLines($0) }
    }
}
