internal import CLibXML2

/// One HTML document as a libxml2 tree, owned here and freed with this object.
///
/// Every piece of text enters as a text node or an attribute value, which libxml2 escapes on output
/// (text with nothing to escape is marked to skip that pass); no markup is ever assembled from strings.
/// Node handles never leave the Reporting module.
final class HTMLDocument {
    let document: xmlDocPtr
    /// The `HTMLNames` dictionary this document reads through, when it was copied for a report: only
    /// strings interned there may be pointed at by its nodes (see `HTMLDocument+Building`).
    let sharedNames: OpaquePointer?
    /// What owns the fragments this document's nodes point at (`mark`), kept alive as long as it:
    /// fragments, or the template that holds its own.
    private var keptAlive: [AnyObject] = []
    /// Every fragment node in the tree: writing gives them their bytes and freeing takes the bytes
    /// back, without walking the whole tree.
    var fragmentNodes: [xmlNodePtr] = []
    var hasFragments: Bool { !fragmentNodes.isEmpty }

    /// A node of this document; valid only while the document lives.
    struct Node {
        let pointer: xmlNodePtr
    }

    private init(owning document: xmlDocPtr, sharedNames: OpaquePointer? = nil) {
        self.document = document
        self.sharedNames = sharedNames
    }

    /// Keeps `owner` alive as long as this document, whose nodes may point at fragments it holds.
    func keepAlive(_ owner: AnyObject) {
        keptAlive.append(owner)
    }

    /// Whether this document keeps `owner` alive.
    func keeps(_ owner: AnyObject) -> Bool {
        keptAlive.contains { $0 === owner }
    }

    /// Owns `document`, first giving it a dictionary of its own that reads through `names`: element
    /// and attribute names added from now on are found there or interned in it, instead of each being
    /// allocated and freed. Only this document writes to it, so no locking.
    convenience init(owning document: xmlDocPtr, readingThrough names: HTMLNames) {
        if document.pointee.dict == nil, let dictionary = xmlDictCreateSub(names.dictionary) {
            document.pointee.dict = dictionary
            self.init(owning: document, sharedNames: names.dictionary)
        } else {
            self.init(owning: document)
        }
    }

    deinit {
        for node in fragmentNodes { node.pointee.content = nil }
        xmlFreeDoc(document)
    }

    /// A deep copy of a parsed template, so one parse serves every report; it reads names through
    /// `names` (`init(owning:readingThrough:)`).
    static func copy(of template: HTMLDocument, names: HTMLNames) -> HTMLDocument? {
        xmlCopyDoc(template.document, 1).map { HTMLDocument(owning: $0, readingThrough: names) }
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

    // MARK: Writing

    /// The document as HTML text in UTF-8, written by libxml2's HTML serializer.
    ///
    /// Written straight into an output buffer with no encoder: the document says UTF-8 and is UTF-8,
    /// which spares libxml2 a character-by-character conversion to entities.
    func serialized() -> [UInt8] {
        resolveFragments()
        return writing { htmlDocContentDumpFormatOutput($0, document, "UTF-8", 1) }
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
