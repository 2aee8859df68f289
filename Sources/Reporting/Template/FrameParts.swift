internal import CLibXML2

/// The parts of the template's frame that no report changes (the masthead, the footer, the head's
/// metadata and print rules), kept serialized like the builder's static parts (`StaticPart`).
///
/// Each becomes an empty fragment node in the frame, so every copy of the frame carries the node
/// without the subtree; `mark` then points each copy's node at its fragment.
struct FrameParts: Sendable {
    private let parts: [(path: [Int], fragment: SerializedFragment)]

    static let none = FrameParts(parts: [])

    var count: Int { parts.count }

    private init(parts: [(path: [Int], fragment: SerializedFragment)]) {
        self.parts = parts
    }

    /// Replaces each largest element of `frame` that holds no slot, and that the Markdown writer reads
    /// as a block, with a fragment node. One node for one element, so the slots' paths stay what they were.
    static func keep(in frame: HTMLDocument, slotPaths: [[Int]], names: HTMLNames) -> FrameParts {
        guard let root = frame.root, MarkdownWriter.readsChildrenAsBlocks(frame.tag(of: root)) else { return .none }
        var parts: [(path: [Int], fragment: SerializedFragment)] = []
        var pending = [root]
        while let element = pending.popLast() {
            for child in frame.children(of: element) where frame.tagName(of: child) != nil {
                let path = frame.path(of: child)
                if slotPaths.contains(where: { $0.starts(with: path) }) {
                    // Below an element whose children are read as inline content, a list or a table row,
                    // nothing is kept: a fragment there would be read as text.
                    if MarkdownWriter.readsChildrenAsBlocks(frame.tag(of: child)) { pending.append(child) }
                } else if let fragment = SerializedFragment(
                    role: .blocks, names: names, build: { scratch, container in scratch.adopt(copyOf: child, into: container) })
                {
                    frame.replaceWithFragmentNode(child)
                    parts.append((path, fragment))
                }
            }
        }
        return FrameParts(parts: parts)
    }

    /// Points the fragment nodes of a copy of the frame at their fragments, which `owner` holds
    /// (through this value) and the copy keeps alive.
    func mark(_ copy: HTMLDocument, heldBy owner: AnyObject) {
        for (path, fragment) in parts {
            guard let node = copy.node(at: path) else { preconditionFailure("a copy of the frame without its fragment node") }
            copy.mark(node, as: fragment.facts, heldBy: owner)
        }
    }
}

extension HTMLDocument {
    /// Appends a deep copy of `node`, from any document, to `parent`.
    func adopt(copyOf node: Node, into parent: Node) {
        guard let copy = xmlDocCopyNode(node.pointer, document, 1) else {
            preconditionFailure("libxml2 could not copy a node (out of memory)")
        }
        xmlAddChild(parent.pointer, copy)
    }
}
