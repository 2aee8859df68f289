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

extension HTMLDocument {
    func firstChild(of node: Node) -> Node? {
        node.pointer.pointee.children.map(Node.init)
    }

    func nextSibling(of node: Node) -> Node? {
        node.pointer.pointee.next.map(Node.init)
    }

    /// The element's tag name, or nil for text and other nodes.
    func tagName(of node: Node) -> String? {
        guard node.pointer.pointee.type == XML_ELEMENT_NODE, let name = node.pointer.pointee.name else { return nil }
        return String(cString: name)
    }

    /// Calls `body` with a text node's UTF-8 bytes (without copying); does nothing for other nodes.
    func withTextBytes(of node: Node, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        let pointer = node.pointer
        guard pointer.pointee.type == XML_TEXT_NODE || pointer.pointee.type == XML_CDATA_SECTION_NODE,
            let content = pointer.pointee.content
        else { return }
        body(UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content))))
    }
}

extension HTMLDocument {
    /// Child positions from the root element down to `node`: the same path finds the same node in a copy.
    func path(of node: Node) -> [Int] {
        var path: [Int] = []
        var current = node.pointer
        while let parent = current.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE {
            var index = 0
            var sibling = parent.pointee.children
            while let candidate = sibling, candidate != current {
                index += 1
                sibling = candidate.pointee.next
            }
            path.append(index)
            current = parent
        }
        return path.reversed()
    }

    func node(at path: [Int]) -> Node? {
        guard var current = root?.pointer else { return nil }
        for index in path {
            guard var child = current.pointee.children else { return nil }
            for _ in 0..<index {
                guard let next = child.pointee.next else { return nil }
                child = next
            }
            current = child
        }
        return Node(pointer: current)
    }

    /// Removes every comment, so notes to the template's editor stay out of the reports.
    func removeComments() {
        removeComments(from: document.pointee.children)
    }

    private func removeComments(from first: xmlNodePtr?) {
        var child = first
        while let current = child {
            child = current.pointee.next
            if current.pointee.type == XML_COMMENT_NODE {
                xmlUnlinkNode(current)
                xmlFreeNode(current)
            } else if current.pointee.type == XML_ELEMENT_NODE {
                removeComments(from: current.pointee.children)
            }
        }
    }
}
