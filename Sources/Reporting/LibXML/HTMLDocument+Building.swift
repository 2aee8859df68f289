internal import CLibXML2

/// Adding to the tree. Every string enters as a text node or an attribute value, cleaned of the
/// characters HTML forbids (`HTMLText`) unless it was cleaned when it was interned (`HTMLNames`).
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

    /// Appends a text node holding bytes joined from strings' UTF-8 (so valid UTF-8), without first
    /// making them a string.
    func text(utf8: [UInt8], in parent: Node) {
        xmlAddChild(parent.pointer, utf8.withUnsafeBufferPointer { Self.textNode($0, in: document) })
    }

    /// A new text node holding `text` without the characters HTML forbids.
    ///
    /// Text with no `<`, `>` or `&` is marked to be written as it is: libxml2's serializer would copy
    /// each of its bytes unchanged anyway (`HTMLText.Findings.markup`; `HTMLTextTests` compares the two
    /// for every code point up to U+02FF), and the mark spares it a 1,000-byte scratch buffer and a
    /// pass per text node. Text with any of them is escaped by libxml2 as ever.
    private func textNode(_ text: String) -> xmlNodePtr? {
        Self.textNode(text, in: document)
    }

    /// Static, so the closures below hold no reference to this object (a retain and release per text).
    private static func textNode(_ text: String, in document: xmlDocPtr) -> xmlNodePtr? {
        text.utf8.withContiguousStorageIfAvailable { textNode($0, in: document) }
            ?? Array(text.utf8).withUnsafeBufferPointer { textNode($0, in: document) }
    }

    private static func textNode(_ utf8: UnsafeBufferPointer<UInt8>, in document: xmlDocPtr) -> xmlNodePtr? {
        let findings = HTMLText.scan(utf8)
        if findings.forbidden { return textNode(HTMLText.clean(String(decoding: utf8, as: UTF8.self)), in: document) }
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

    /// `addAttribute` for a value known to be clean already (`HTMLText.clean`).
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
            free(current)
        }
    }

    func remove(_ node: Node) {
        xmlUnlinkNode(node.pointer)
        free(node.pointer)
    }
}

/// Adding names and values interned in the `HTMLNames` this document reads through (or in its own
/// dictionary, `intern`): a node points at the interned string, so nothing is looked up, copied or
/// (when the document is freed) freed.
extension HTMLDocument {
    /// A namespace declared on an element (written as its `xmlns`), for elements below it.
    struct Namespace {
        fileprivate let pointer: xmlNsPtr
    }

    /// Declares `uri` as the default namespace of `element` and puts the element in it.
    func declareNamespace(_ uri: String, on element: Node) -> Namespace {
        guard let namespace = xmlNewNs(element.pointer, uri, nil) else {
            preconditionFailure("libxml2 could not allocate a namespace (out of memory)")
        }
        xmlSetNs(element.pointer, namespace)
        return Namespace(pointer: namespace)
    }

    /// Appends an element named by an interned name, in `namespace` when one is given.
    @discardableResult
    func element(_ name: InternedString, in parent: Node, namespace: Namespace? = nil) -> Node {
        guard let node = xmlNewDocNodeEatName(document, namespace?.pointer, mutable(readable(name)), nil) else {
            preconditionFailure("libxml2 could not allocate a node (out of memory)")
        }
        xmlAddChild(parent.pointer, node)
        return Node(pointer: node)
    }

    /// Adds an attribute whose name and value are both interned; the value was cleaned when it was interned.
    func addAttribute(_ name: InternedString, _ value: InternedString, on node: Node) {
        let attribute = newAttribute(name, value: nil, on: node)
        // The value's text node points at the interned string, as libxml2's own parser points nodes at
        // dictionary strings. The node is made empty (no copy) and then given the pointer.
        guard let text = xmlNewDocTextLen(document, nil, 0) else {
            preconditionFailure("libxml2 could not allocate a node (out of memory)")
        }
        text.pointee.content = mutable(readable(value))
        xmlAddChild(UnsafeMutableRawPointer(attribute).assumingMemoryBound(to: xmlNode.self), text)
    }

    /// Adds an attribute with an interned name and a value cleaned here.
    func addAttribute(_ name: InternedString, _ value: String, on node: Node) {
        addCleanAttribute(name, HTMLText.clean(value), on: node)
    }

    /// `addAttribute` for a value cleaned in advance (`HTMLText.clean`), such as a chart's fixed geometry.
    func addCleanAttribute(_ name: InternedString, _ value: String, on node: Node) {
        withXMLString(value) { _ = newAttribute(name, value: $0, on: node) }
    }

    private func newAttribute(_ name: InternedString, value: UnsafePointer<xmlChar>?, on node: Node) -> xmlAttrPtr {
        guard let attribute = xmlNewNsPropEatName(node.pointer, nil, mutable(readable(name)), value) else {
            preconditionFailure("libxml2 could not allocate an attribute (out of memory)")
        }
        return attribute
    }

    /// `string` cleaned (`HTMLText.clean`) and interned in this document's own dictionary, for a name or
    /// value outside `HTMLNames`; only this document may use it.
    func intern(_ string: String) -> InternedString {
        guard let dictionary = document.pointee.dict,
            let pointer = withXMLString(HTMLText.clean(string), { xmlDictLookup(dictionary, $0, -1) })
        else { preconditionFailure("a document without a dictionary, or libxml2 out of memory") }
        return InternedString(pointer: pointer, dictionary: dictionary)
    }

    /// The string's pointer, once it is certain that this document's dictionaries own it: any other
    /// document would free it with its nodes.
    private func readable(_ string: InternedString) -> UnsafePointer<xmlChar> {
        precondition(
            string.dictionary == sharedNames || string.dictionary == document.pointee.dict,
            "an interned string used in a document whose dictionaries do not hold it")
        return string.pointer
    }

    /// libxml2 takes names it will "eat" as mutable; a dictionary string is never written or freed.
    private func mutable(_ pointer: UnsafePointer<xmlChar>) -> UnsafeMutablePointer<xmlChar> {
        UnsafeMutablePointer(mutating: pointer)
    }
}
