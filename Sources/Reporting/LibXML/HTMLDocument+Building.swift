internal import CLibXML2

/// Adding to the tree. Every string enters as a text node or an attribute value, cleaned of the
/// characters HTML forbids (`HTMLText`).
extension HTMLDocument {
    /// Appends an element, with attributes in the given order and optional text content.
    @discardableResult
    func element(_ name: String, in parent: Node, attributes: [(String, String)] = [], text: String? = nil) -> Node {
        guard let node = withXMLString(name, { xmlNewDocNode(document, nil, $0, nil) }) else {
            preconditionFailure("libxml2 could not allocate a node (out of memory)")
        }
        for (key, value) in attributes { addCleanAttribute(key, HTMLText.clean(value), on: Node(pointer: node)) }
        if let text { xmlAddChild(node, textNode(text)) }
        xmlAddChild(parent.pointer, node)
        return Node(pointer: node)
    }

    /// Appends a text node (see `textNode`).
    func text(_ text: String, in parent: Node) {
        xmlAddChild(parent.pointer, textNode(text))
    }

    /// A new text node holding `text` without the characters HTML forbids.
    ///
    /// Text with no `<`, `>` or `&` is marked to be written as it is: libxml2's serializer would copy
    /// each of its bytes unchanged anyway (`HTMLText.Findings.markup`; `HTMLTextTests` compares the two
    /// for every code point up to U+02FF), and the mark spares it a 1,000-byte scratch buffer and a
    /// pass per text node. Text with any of them is escaped by libxml2 as ever.
    private func textNode(_ text: String) -> xmlNodePtr? {
        text.utf8.withContiguousStorageIfAvailable(textNode) ?? Array(text.utf8).withUnsafeBufferPointer(textNode)
    }

    private func textNode(_ utf8: UnsafeBufferPointer<UInt8>) -> xmlNodePtr? {
        let findings = HTMLText.scan(utf8)
        if findings.forbidden { return textNode(HTMLText.clean(String(decoding: utf8, as: UTF8.self))) }
        // An empty text node holds "" rather than no content, as xmlNewDocText makes it.
        guard let base = utf8.baseAddress, !utf8.isEmpty else { return xmlNewDocText(document, "") }
        // The length is given, so libxml2 copies the bytes without measuring them again.
        let node = xmlNewDocTextLen(document, base, Int32(utf8.count))
        if !findings.markup { node?.pointee.name = clibxml2_text_noenc_name() }
        return node
    }

    /// Adds an attribute to an element that does not have it yet (no search, unlike `setAttribute`).
    func addAttribute(_ name: String, _ value: String, on node: Node) {
        addCleanAttribute(name, HTMLText.clean(value), on: node)
    }

    /// `addAttribute` for a value known to be clean already (`HTMLText.clean`), such as a resolved style.
    func addCleanAttribute(_ name: String, _ value: String, on node: Node) {
        withXMLString(name) { name in withXMLString(value) { _ = xmlNewProp(node.pointer, name, $0) } }
    }

    func setAttribute(_ name: String, _ value: String, on node: Node) {
        xmlSetProp(node.pointer, name, HTMLText.clean(value))
    }

    func removeAttribute(_ name: String, from node: Node) {
        xmlUnsetProp(node.pointer, name)
    }

    /// Replaces a node's children with one text node.
    func setText(_ text: String, of node: Node) {
        removeChildren(of: node)
        self.text(text, in: node)
    }

    func removeChildren(of node: Node) {
        var child = node.pointer.pointee.children
        while let current = child {
            child = current.pointee.next
            xmlUnlinkNode(current)
            xmlFreeNode(current)
        }
    }

    func remove(_ node: Node) {
        xmlUnlinkNode(node.pointer)
        xmlFreeNode(node.pointer)
    }
}

