internal import CLibXML2

/// One HTML document as a libxml2 tree, owned here and freed with this object.
///
/// Every piece of text enters as a text node or an attribute value, which libxml2 escapes on output;
/// no markup is ever assembled from strings. Node handles never leave the Reporting module.
final class HTMLDocument {
    let document: xmlDocPtr

    /// A node of this document; valid only while the document lives.
    struct Node {
        let pointer: xmlNodePtr
    }

    private init(owning document: xmlDocPtr) {
        self.document = document
    }

    deinit {
        xmlFreeDoc(document)
    }

    /// A deep copy of a parsed template, so one parse serves every report.
    static func copy(of template: HTMLDocument) -> HTMLDocument? {
        guard let copy = xmlCopyDoc(template.document, 1) else { return nil }
        return HTMLDocument(owning: copy)
    }

    /// Parses HTML text with libxml2's HTML parser, or returns the parser's first complaint.
    static func parse(_ text: String, url: String) -> Result<HTMLDocument, HTMLParseFailure> {
        LibXML.initialise()
        var bytes = Array(text.utf8)
        let options = Int32(HTML_PARSE_NONET.rawValue | HTML_PARSE_NOBLANKS.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue)
        let parsed = bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    htmlReadMemory($0, Int32(buffer.count), url, "UTF-8", options)
                }
            }
        }
        guard let parsed else { return .failure(HTMLParseFailure(message: "libxml2 could not parse it as HTML")) }
        let document = HTMLDocument(owning: parsed)
        guard document.root != nil else { return .failure(HTMLParseFailure(message: "it has no <html> element")) }
        return .success(document)
    }

    var root: Node? {
        xmlDocGetRootElement(document).map(Node.init)
    }

    // MARK: Building

    /// Appends an element, with attributes in the given order and optional text content.
    @discardableResult
    func element(_ name: String, in parent: Node, attributes: [(String, String)] = [], text: String? = nil) -> Node {
        guard let node = xmlNewDocNode(document, nil, name, nil) else {
            preconditionFailure("libxml2 could not allocate a node (out of memory)")
        }
        for (key, value) in attributes { xmlNewProp(node, key, HTMLText.clean(value)) }
        if let text { xmlAddChild(node, xmlNewDocText(document, HTMLText.clean(text))) }
        xmlAddChild(parent.pointer, node)
        return Node(pointer: node)
    }

    /// Appends a text node; libxml2 escapes it when the document is written.
    func text(_ text: String, in parent: Node) {
        xmlAddChild(parent.pointer, xmlNewDocText(document, HTMLText.clean(text)))
    }

    /// Adds an attribute to an element that does not have it yet (no search, unlike `setAttribute`).
    func addAttribute(_ name: String, _ value: String, on node: Node) {
        xmlNewProp(node.pointer, name, HTMLText.clean(value))
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

    // MARK: Writing

    /// The document as HTML text in UTF-8, written by libxml2's HTML serializer.
    ///
    /// Written straight into an output buffer with no encoder: the document says UTF-8 and is UTF-8,
    /// which spares libxml2 a character-by-character conversion to entities.
    func serialized() -> [UInt8] {
        writing { htmlDocContentDumpFormatOutput($0, document, "UTF-8", 1) }
    }

    /// Runs `write` against a fresh libxml2 output buffer (no encoder) and returns what it wrote.
    func writing(_ write: (xmlOutputBufferPtr) -> Void) -> [UInt8] {
        guard let buffer = xmlAllocOutputBuffer(nil) else { return [] }
        write(buffer)
        xmlOutputBufferFlush(buffer)
        let bytes = xmlOutputBufferGetContent(buffer).map {
            Array(UnsafeBufferPointer(start: $0, count: Int(xmlOutputBufferGetSize(buffer))))
        } ?? []
        xmlOutputBufferClose(buffer)
        return bytes
    }
}

/// Text as HTML allows it: control characters (C0 but tab and line ends, DEL, C1) are forbidden
/// code points in an HTML document, and U+009B could drive a terminal; they are dropped.
enum HTMLText {
    static func clean(_ text: String) -> String {
        let isSuspect: (UInt8) -> Bool = { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 }
        let suspect = text.utf8.withContiguousStorageIfAvailable { $0.contains(where: isSuspect) }
            ?? text.utf8.contains(where: isSuspect)
        guard suspect else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.filter { !isForbidden($0) }))
    }

    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return false
        case 0..<0x20, 0x7F...0x9F: return true
        default: return false
        }
    }
}

struct HTMLParseFailure: Error {
    var message: String
}

enum LibXML {
    /// libxml2 must be initialised once before documents are built on several threads.
    static func initialise() {
        _ = initialised
    }

    private static let initialised: Bool = {
        xmlInitParser()
        return true
    }()
}
