internal import CLibXML2

/// Read access to the tree, for finding template slots and for writing Markdown from the same tree.
extension HTMLDocument {
    enum Kind {
        case element(String)
        case text(String)
        case other
    }

    func kind(of node: Node) -> Kind {
        let pointer = node.pointer
        switch pointer.pointee.type {
        case XML_ELEMENT_NODE:
            return .element(pointer.pointee.name.map { String(cString: $0) } ?? "")
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            return .text(pointer.pointee.content.map { String(cString: $0) } ?? "")
        default:
            return .other
        }
    }

    func children(of node: Node) -> [Node] {
        var result: [Node] = []
        var child = node.pointer.pointee.children
        while let current = child {
            result.append(Node(pointer: current))
            child = current.pointee.next
        }
        return result
    }

    func attribute(_ name: String, of node: Node) -> String? {
        guard let value = xmlGetProp(node.pointer, name) else { return nil }
        defer { clibxml2_free(value) }
        return String(cString: value)
    }

    /// Every element below `node` (depth first, document order) for which `matches` is true.
    func elements(below node: Node, where matches: (Node) -> Bool) -> [Node] {
        var found: [Node] = []
        var stack = children(of: node).reversed() as [Node]
        while let current = stack.popLast() {
            guard case .element = kind(of: current) else { continue }
            if matches(current) { found.append(current) }
            stack.append(contentsOf: children(of: current).reversed())
        }
        return found
    }

    /// All the text below a node, in document order.
    func textContent(of node: Node) -> String {
        guard let content = xmlNodeGetContent(node.pointer) else { return "" }
        defer { clibxml2_free(content) }
        return String(cString: content)
    }
}
