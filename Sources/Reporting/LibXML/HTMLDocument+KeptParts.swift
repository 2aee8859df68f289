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

    /// Appends `fragment` to `parent`, keeping it alive as long as this document. Its bytes go in
    /// when the document is serialized, once the neighbours that decide the line breaks at its edges
    /// are all there.
    func insert(_ fragment: SerializedFragment, in parent: Node) {
        keepAlive(fragment)
        insert(fragment.facts, heldBy: fragment, in: parent)
    }

    /// Appends the fragment whose facts these are, held by `owner`, which this document keeps alive
    /// already: the template's kept parts (`StaticParts`), which hold the fragments of every report
    /// made from it. Nothing is counted per fragment on objects every report shares.
    func insert(_ facts: UnsafeMutablePointer<FragmentFacts>, heldBy owner: AnyObject, in parent: Node) {
        precondition(keeps(owner), "a fragment whose owner the document does not keep alive")
        // libxml2 breaks no line between the elements of a p, pre or param; the bytes have those breaks.
        precondition(facts.pointee.elementCount == 1 || parent.pointer.pointee.name?.pointee != UInt8(ascii: "p"),
                     "a fragment of several elements inside an element whose name starts with p")
        let node = emptyFragmentNode()
        mark(Node(pointer: node), as: facts, heldBy: owner)
        xmlAddChild(parent.pointer, node)
    }

    /// Puts an empty fragment node where `node` was (for `mark` to fill in each copy), and frees `node`.
    func replaceWithFragmentNode(_ node: Node) {
        xmlReplaceNode(node.pointer, emptyFragmentNode())
        free(node.pointer)
    }

    /// Makes an empty fragment node stand for the fragment whose facts these are, held by `owner`,
    /// which this document keeps alive.
    func mark(_ node: Node, as facts: UnsafeMutablePointer<FragmentFacts>, heldBy owner: AnyObject) {
        precondition(node.pointer.pointee.type == XML_CDATA_SECTION_NODE && node.pointer.pointee.content == nil,
                     "only an empty fragment node stands for a fragment")
        precondition(keeps(owner), "a fragment whose owner the document does not keep alive")
        node.pointer.pointee._private = UnsafeMutableRawPointer(facts)
        fragmentNodes.append(node.pointer)
    }

    /// A CDATA node with no content: its content is set when the document is serialized and cleared
    /// before it is freed.
    private func emptyFragmentNode() -> xmlNodePtr {
        guard let node = xmlNewCDataBlock(document, nil, 0) else {
            preconditionFailure("libxml2 could not allocate a node (out of memory)")
        }
        return node
    }

    /// The facts of the fragment a node stands for, if it is one: plain values, copied.
    func fragment(at node: Node) -> FragmentFacts? {
        Self.facts(at: node.pointer)?.pointee
    }

    private static func facts(at pointer: xmlNodePtr) -> UnsafeMutablePointer<FragmentFacts>? {
        guard pointer.pointee.type == XML_CDATA_SECTION_NODE, let opaque = pointer.pointee._private else { return nil }
        return opaque.assumingMemoryBound(to: FragmentFacts.self)
    }

    /// Gives every fragment node its bytes, with the line breaks libxml2 would have written at its
    /// edges had its elements been in the tree (the rules of `htmlNodeDumpFormatOutput` in format mode).
    /// libxml2 writes those that only need a node not to be text (a fragment is not); what is left is
    /// the break after the last element when a node other than text follows, and, when the fragment
    /// is its parent's only child but stands for several elements, the breaks inside the parent's tags.
    func resolveFragments() {
        for node in fragmentNodes {
            guard let facts = Self.facts(at: node) else { continue }
            resolve(node, facts)
        }
    }

    private func resolve(_ node: xmlNodePtr, _ facts: UnsafeMutablePointer<FragmentFacts>) {
        guard let parent = node.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE, let parentName = parent.pointee.name else { return }
        let notInP = parentName.pointee != UInt8(ascii: "p")  // libxml2 breaks no lines in p, pre and param
        let alone = node.pointee.prev == nil && node.pointee.next == nil
        let several = facts.pointee.elementCount > 1
        let insideTags = alone && several && notInP && parent.pointee.ns == nil && Self.endsLines(parentName)
        let afterLast: Bool
        if let next = node.pointee.next {
            afterLast = notInP && facts.pointee.lastEndsLine && next.pointee.type != XML_TEXT_NODE && next.pointee.type != XML_ENTITY_REF_NODE
        } else {
            afterLast = insideTags
        }
        node.pointee.content = facts.pointee.html(breakBefore: insideTags, breakAfter: afterLast)
    }

    /// Frees a node and everything below it, first taking back from fragment nodes the bytes they
    /// point at, which belong to their fragment and not to libxml2, and forgetting those nodes.
    func free(_ node: xmlNodePtr) {
        if hasFragments { releaseFragments(at: node) }
        xmlFreeNode(node)
    }

    /// Clears the content of every fragment node at and below `node`, and drops it from `fragmentNodes`.
    private func releaseFragments(at node: xmlNodePtr) {
        if Self.facts(at: node) != nil {
            node.pointee.content = nil
            fragmentNodes.removeAll { $0 == node }
        } else if node.pointee.type == XML_ELEMENT_NODE {
            var child = node.pointee.children
            while let current = child {
                child = current.pointee.next
                releaseFragments(at: current)
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
