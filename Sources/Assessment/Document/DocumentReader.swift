// Yams bundles libyaml as the module CYaml. We read its events directly instead of calling Yams's
// composer: that composer recurses once per nesting level (a deeply nested file overflows the stack)
// and hashes alias-expanded keys (an alias bomb hangs it). Here nesting, size and aliases are bounded.
internal import CYaml

/// Bounds that keep hostile input cheap to reject.
public struct DocumentLimits: Sendable {
    public var maxBytes: Int
    public var maxDepth: Int
    public var maxNodes: Int

    public init(maxBytes: Int = 4 << 20, maxDepth: Int = 64, maxNodes: Int = 200_000) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
    }
}

/// Reads YAML (and JSON, which libyaml reads as YAML flow style) into located nodes.
public enum DocumentReader {
    /// Parses one document. Throws every problem it could find, each with its place in the file.
    public static func read(_ source: SourceText, limits: DocumentLimits = .init()) throws(DiagnosticsError) -> DocumentNode {
        var composer = Composer(source: source, limits: limits)
        return try composer.run()
    }

    /// Decodes a file's bytes as UTF-8, rejecting what cannot be a text document, with the place of the first bad byte.
    public static func decode(_ bytes: [UInt8], path: String, limits: DocumentLimits = .init()) throws(DiagnosticsError) -> SourceText {
        if bytes.count > limits.maxBytes {
            throw DiagnosticsError([Diagnostic(
                .error, "the file is \(bytes.count) bytes; the limit is \(limits.maxBytes) bytes", path: path)])
        }
        var content = bytes[...]
        if content.starts(with: [0xEF, 0xBB, 0xBF]) { content = content.dropFirst(3) }
        if content.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            throw DiagnosticsError([Diagnostic(.error, "the file is empty", path: path)])
        }
        if let text = String(validating: content, as: UTF8.self) {
            // In valid UTF-8 a zero byte is always the NUL scalar, so the bytes can be searched directly.
            if let nul = content.firstIndex(of: 0) {
                let location = location(ofByte: nul - content.startIndex, in: Array(content))
                throw DiagnosticsError([Diagnostic(
                    .error, "the file holds binary data (a NUL byte), not YAML or JSON text", path: path,
                    location: location)])
            }
            return SourceText(path: path, text: text)
        }
        let bad = firstInvalidUTF8Offset(content)
        throw DiagnosticsError([Diagnostic(
            .error, "the file is not valid UTF-8 text (byte 0x\(String(content[content.startIndex + bad], radix: 16, uppercase: true)))",
            path: path, location: location(ofByte: bad, in: Array(content)))])
    }

    static func location(ofByte offset: Int, in bytes: [UInt8]) -> SourceLocation {
        var line = 1
        var column = 1
        for byte in bytes.prefix(offset) {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return SourceLocation(line: line, column: column)
    }

    private static func firstInvalidUTF8Offset(_ bytes: ArraySlice<UInt8>) -> Int {
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: return offset
            case .error: return offset
            }
        }
    }
}

/// Builds the node tree from libyaml's events with an explicit stack, so depth costs no recursion.
private struct Composer {
    /// A sequence or mapping being read; a struct, so the top of the stack is extended in place.
    private struct Frame {
        var isMapping: Bool
        var location: SourceLocation
        var items: [DocumentNode] = []
        var pairs: [(key: DocumentNode, value: DocumentNode)] = []
        var pendingKey: DocumentNode?
        var pendingFingerprint: UInt64 = 0
        /// Per pair, a cheap hash of its key's text, so a short mapping finds a repeated key without comparing texts.
        var fingerprints: [UInt64] = []
        /// The place of each key's first use, kept once a mapping has many keys (`Composer.indexedKeys`).
        var seen: [String: SourceLocation]?
    }

    /// Up to this many keys, a mapping finds a repeated key by searching its pairs' fingerprints.
    static let indexedKeys = 32

    let source: SourceText
    let limits: DocumentLimits
    private var stack: [Frame] = []
    private var diagnostics: [Diagnostic] = []
    private var nodeCount = 0

    init(source: SourceText, limits: DocumentLimits) {
        self.source = source
        self.limits = limits
    }

    mutating func run() throws(DiagnosticsError) -> DocumentNode {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw DiagnosticsError([source.diagnostic("out of memory while reading YAML", at: nil)])
        }
        defer { yaml_parser_delete(&parser) }
        var utf8 = Array(source.text.utf8)
        let result: Result<DocumentNode, DiagnosticsError> = utf8.withUnsafeMutableBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            do throws(DiagnosticsError) {
                return .success(try consume(&parser))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private mutating func consume(_ parser: inout yaml_parser_t) throws(DiagnosticsError) -> DocumentNode {
        var root: DocumentNode?
        var documents = 0
        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) == 1 else { throw syntaxError(parser) }
            defer { yaml_event_delete(&event) }
            let location = SourceLocation(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
            switch event.type {
            case YAML_STREAM_END_EVENT:
                guard let root else { throw DiagnosticsError([source.diagnostic("the file holds no document", at: nil)]) }
                if !diagnostics.isEmpty { throw DiagnosticsError(diagnostics) }
                return root
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 {
                    throw DiagnosticsError(diagnostics + [source.diagnostic(
                        "the file holds more than one YAML document; expected exactly one", at: location)])
                }
            case YAML_SEQUENCE_START_EVENT:
                try push(Frame(isMapping: false, location: location), at: location)
            case YAML_MAPPING_START_EVENT:
                try push(Frame(isMapping: true, location: location), at: location)
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                if let node = pop() { try attach(node, root: &root) }
            case YAML_SCALAR_EVENT:
                let data = event.data.scalar
                try attach(scalar(event, at: location), fingerprint: Composer.fingerprint(data.value, Int(data.length)), root: &root)
            case YAML_ALIAS_EVENT:
                diagnostics.append(source.diagnostic(
                    "YAML aliases (*name) are not supported: write the value out in full", at: location))
                try attach(DocumentNode(.scalar("", quoted: false), at: location), fingerprint: Composer.fingerprint(nil, 0), root: &root)
            default:
                continue
            }
        }
    }

    private func scalar(_ event: yaml_event_t, at location: SourceLocation) -> DocumentNode {
        let data = event.data.scalar
        let text = data.value.map {
            String(decoding: UnsafeBufferPointer(start: $0, count: Int(data.length)), as: UTF8.self)
        } ?? ""
        let style: DocumentNode.ScalarStyle
        switch data.style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: style = .literal
        case YAML_FOLDED_SCALAR_STYLE: style = .folded
        default: style = .plain
        }
        // An explicit tag (`!!str 12`) makes the scalar a string; plain_implicit is 0 then.
        let quoted = style != .plain || data.plain_implicit == 0
        return DocumentNode(.scalar(text, quoted: quoted), at: location, style: style)
    }

    private mutating func push(_ frame: Frame, at location: SourceLocation) throws(DiagnosticsError) {
        guard stack.count < limits.maxDepth else {
            throw DiagnosticsError(diagnostics + [source.diagnostic(
                "the document is nested more than \(limits.maxDepth) levels deep", at: location)])
        }
        stack.append(frame)
    }

    private mutating func pop() -> DocumentNode? {
        guard let frame = stack.popLast() else { return nil }
        return frame.isMapping
            ? DocumentNode(.mapping(frame.pairs), at: frame.location) : DocumentNode(.sequence(frame.items), at: frame.location)
    }

    /// `fingerprint` is that of a scalar's text (see `Composer.fingerprint`); other nodes never need one.
    private mutating func attach(_ node: DocumentNode, fingerprint: UInt64 = 0, root: inout DocumentNode?) throws(DiagnosticsError) {
        nodeCount += 1
        guard nodeCount <= limits.maxNodes else {
            throw DiagnosticsError(diagnostics + [source.diagnostic(
                "the document holds more than \(limits.maxNodes) values; that is far beyond any real file", at: node.location)])
        }
        guard !stack.isEmpty else {
            root = node
            return
        }
        let top = stack.count - 1
        guard stack[top].isMapping else {
            stack[top].items.append(node)
            return
        }
        guard let key = stack[top].pendingKey else {
            stack[top].pendingKey = node
            stack[top].pendingFingerprint = fingerprint
            return
        }
        stack[top].pendingKey = nil
        if let name = key.scalarText {
            let fingerprint = stack[top].pendingFingerprint
            if stack[top].seen == nil && stack[top].pairs.count >= Composer.indexedKeys {
                var index: [String: SourceLocation] = [:]
                index.reserveCapacity(stack[top].pairs.count * 2)
                for pair in stack[top].pairs {
                    if let earlier = pair.key.scalarText, index[earlier] == nil { index[earlier] = pair.key.location }
                }
                stack[top].seen = index
            }
            var first: SourceLocation?
            if stack[top].seen != nil {
                first = stack[top].seen?[name]
            } else {
                for (position, earlier) in stack[top].fingerprints.enumerated()
                where earlier == fingerprint && stack[top].pairs[position].key.scalarText == name {
                    first = stack[top].pairs[position].key.location
                    break
                }
            }
            if let first {
                diagnostics.append(source.diagnostic(
                    "duplicate key '\(name)'", at: key.location,
                    note: "first defined at line \(first.line), column \(first.column)"))
            } else {
                stack[top].seen?[name] = key.location
            }
            stack[top].fingerprints.append(fingerprint)
        } else {
            diagnostics.append(source.diagnostic("a mapping key must be a plain value, not \(key.kindDescription)", at: key.location))
            stack[top].fingerprints.append(0)  // never compared: its key has no text
        }
        stack[top].pairs.append((key, node))
    }

    /// FNV-1a over a scalar's UTF-8 bytes as libyaml gives them (valid UTF-8, so exactly the bytes of its text):
    /// equal texts always agree, and different ones rarely do.
    private static func fingerprint(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        guard let bytes else { return hash }
        for offset in 0..<count { hash = (hash ^ UInt64(bytes[offset])) &* 0x100_0000_01b3 }
        return hash
    }

    private func syntaxError(_ parser: yaml_parser_t) -> DiagnosticsError {
        var problem = parser.problem.map { String(cString: $0) } ?? "the file is not valid YAML or JSON"
        if problem.hasPrefix("Maximum nesting level") {
            // libyaml's own guard (1,000 levels) can trip before ours; say it in our words, not its C API's.
            problem = "the document is nested too deeply"
        }
        let location: SourceLocation
        if parser.error == YAML_READER_ERROR {
            location = DocumentReader.location(ofByte: Int(parser.problem_offset), in: Array(source.text.utf8))
        } else {
            location = SourceLocation(line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1)
        }
        var message = problem
        if let context = parser.context.map({ String(cString: $0) }) {
            message = "\(problem) (\(context) at line \(parser.context_mark.line + 1), column \(parser.context_mark.column + 1))"
        }
        return DiagnosticsError(diagnostics + [source.diagnostic("invalid YAML: \(message)", at: location)])
    }
}
