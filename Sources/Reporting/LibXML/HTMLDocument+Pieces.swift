internal import CLibXML2

/// Serializing parts of a tree, so a very long page can be written in pieces that each hold a small tree.
extension HTMLDocument {
    /// The children of `node` as HTML text in UTF-8, each written by libxml2's HTML serializer.
    func serializedChildren(of node: Node) -> [UInt8] {
        resolveFragments()  // none in an index page today; there so that no kept part is ever written empty
        return writing { buffer in
            var child = node.pointer.pointee.children
            while let current = child {
                htmlNodeDumpFormatOutput(buffer, document, current, "UTF-8", 1)
                child = current.pointee.next
            }
        }
    }

    /// The first element called `name`, depth first.
    func firstElement(named name: String) -> Node? {
        guard let root else { return nil }
        if tagName(of: root) == name { return root }
        return elements(below: root) { tagName(of: $0) == name }.first
    }
}
