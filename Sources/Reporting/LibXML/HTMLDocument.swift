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
        // A dictionary of its own (xmlFreeDoc frees it): element and attribute names added from now on
        // are interned in it instead of each being allocated and freed. Never shared, so no locking.
        if copy.pointee.dict == nil { copy.pointee.dict = xmlDictCreate() }
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
        guard let node = withXMLString(name, { xmlNewDocNode(document, nil, $0, nil) }) else {
            preconditionFailure("libxml2 could not allocate a node (out of memory)")
        }
        for (key, value) in attributes { addCleanAttribute(key, HTMLText.clean(value), on: Node(pointer: node)) }
        if let text { xmlAddChild(node, withXMLString(HTMLText.clean(text)) { xmlNewDocText(document, $0) }) }
        xmlAddChild(parent.pointer, node)
        return Node(pointer: node)
    }

    /// Appends a text node; libxml2 escapes it when the document is written.
    func text(_ text: String, in parent: Node) {
        xmlAddChild(parent.pointer, withXMLString(HTMLText.clean(text)) { xmlNewDocText(document, $0) })
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
        guard needsCleaning(text) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.filter { !isForbidden($0) }))
    }

    /// Whether the text holds a forbidden code point: one pass over the UTF-8 bytes, no allocation.
    /// C1 controls are the only forbidden scalars that are not ASCII, and their UTF-8 is `C2 80`...`C2 9F`.
    static func needsCleaning(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable(containsForbidden)
            ?? Array(text.utf8).withUnsafeBufferPointer(containsForbidden)
    }

    private static func containsForbidden(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let count = bytes.count
        var index = 0
        // Eight bytes at a time: a word with no byte below 0x20, none equal to 0x7F and none equal to
        // 0xC2 is clean, and almost every word of report text is. Only the others are looked at closely.
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ word: UInt64) -> Bool { (word &- ones) & ~word & highs != 0 }
        while index + 8 <= count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            let below20 = (word &- ones &* 0x20) & ~word & highs != 0
            if below20 || hasZeroByte(word ^ (ones &* 0x7F)) || hasZeroByte(word ^ (ones &* 0xC2)) {
                for position in index..<(index + 8) where isForbidden(byteAt: position, in: bytes) { return true }
            }
            index += 8
        }
        while index < count {
            if isForbidden(byteAt: index, in: bytes) { return true }
            index += 1
        }
        return false
    }

    @inline(__always)
    private static func isForbidden(byteAt index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let byte = bytes[index]
        if byte < 0x20 { return byte != 0x09 && byte != 0x0A && byte != 0x0D }
        if byte == 0x7F { return true }
        return byte == 0xC2 && index + 1 < bytes.count && bytes[index + 1] < 0xA0
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

/// A Swift string as libxml2's `const xmlChar *`, for the duration of `body`. `withCString` lends a
/// native string's own storage (small strings go through the stack), where passing a `String` straight
/// to a C parameter would copy it into a new heap array on every call.
@inline(__always)
func withXMLString<Result>(_ string: String, _ body: (UnsafePointer<xmlChar>) -> Result) -> Result {
    string.withCString { body(UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) }
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
