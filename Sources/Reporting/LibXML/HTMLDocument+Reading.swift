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
                free(current)
            } else if current.pointee.type == XML_ELEMENT_NODE {
                removeComments(from: current.pointee.children)
            }
        }
    }
}

extension HTMLDocument {
    /// The elements the Markdown writer tells apart. Read from the tag name's bytes, so walking a
    /// tree makes no `String` per node.
    enum Tag: Equatable {
        case heading(Int)
        case p, figcaption, ul, ol, li, table, thead, tr, th, td, strong, em, br, hr, body
        /// Never shown in Markdown: `svg`, `img`, `script`, `style`.
        case hidden
        /// Skipped as blocks: `head`, `template`.
        case head, template
        case other
    }

    /// The element's tag, or nil for text and other nodes.
    func tag(of node: Node) -> Tag? {
        guard node.pointer.pointee.type == XML_ELEMENT_NODE, let name = node.pointer.pointee.name else { return nil }
        return Self.tag(named: UnsafeBufferPointer(start: name, count: Int(xmlStrlen(name))))
    }

    static func tag(named name: UnsafeBufferPointer<UInt8>) -> Tag {
        switch name.count {
        case 1:
            switch name[0] {
            case UInt8(ascii: "p"): return .p
            case UInt8(ascii: "b"): return .strong
            case UInt8(ascii: "i"): return .em
            default: return .other
            }
        case 2:
            let first = name[0], second = name[1]
            if first == UInt8(ascii: "h"), (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(second) {
                return .heading(Int(second - UInt8(ascii: "0")))
            }
            switch (first, second) {
            case (UInt8(ascii: "u"), UInt8(ascii: "l")): return .ul
            case (UInt8(ascii: "o"), UInt8(ascii: "l")): return .ol
            case (UInt8(ascii: "l"), UInt8(ascii: "i")): return .li
            case (UInt8(ascii: "t"), UInt8(ascii: "r")): return .tr
            case (UInt8(ascii: "t"), UInt8(ascii: "h")): return .th
            case (UInt8(ascii: "t"), UInt8(ascii: "d")): return .td
            case (UInt8(ascii: "e"), UInt8(ascii: "m")): return .em
            case (UInt8(ascii: "b"), UInt8(ascii: "r")): return .br
            case (UInt8(ascii: "h"), UInt8(ascii: "r")): return .hr
            default: return .other
            }
        case 3: return name.equals("svg") || name.equals("img") ? .hidden : .other
        case 4: return name.equals("body") ? .body : name.equals("head") ? .head : .other
        case 5: return name.equals("table") ? .table : name.equals("thead") ? .thead : name.equals("style") ? .hidden : .other
        case 6: return name.equals("strong") ? .strong : name.equals("script") ? .hidden : .other
        case 8: return name.equals("template") ? .template : .other
        case 10: return name.equals("figcaption") ? .figcaption : .other
        default: return .other
        }
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Byte equality with a literal, for tag names.
    func equals(_ literal: StaticString) -> Bool {
        literal.utf8CodeUnitCount == count && literal.withUTF8Buffer { $0.elementsEqual(self) }
    }
}
