/// A YAML or JSON value that remembers where it stood in its file.
///
/// Rubrics and questionnaires are read into this tree first, so every later check
/// (an unknown key, an answer out of range) can point at the line and column.
public struct DocumentNode: Sendable {
    public enum Content: Sendable {
        /// `quoted` is true for quoted and block scalars: those are always strings, never numbers or booleans.
        case scalar(String, quoted: Bool)
        case sequence([DocumentNode])
        case mapping([(key: DocumentNode, value: DocumentNode)])
    }

    public enum ScalarStyle: Sendable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    public var content: Content
    public var location: SourceLocation
    /// How a scalar was written; used to map a position inside a scalar back to the file.
    public var style: ScalarStyle

    public init(_ content: Content, at location: SourceLocation, style: ScalarStyle = .plain) {
        self.content = content
        self.location = location
        self.style = style
    }
}

extension DocumentNode {
    /// The scalar text, for any scalar.
    public var scalarText: String? {
        if case .scalar(let text, _) = content { return text }
        return nil
    }

    public var isNull: Bool {
        guard case .scalar(let text, let quoted) = content, !quoted else { return false }
        switch text.utf8.count {
        case 0: return true
        case 1: return text == "~"
        case 4: return text == "null" || text == "Null" || text == "NULL"
        default: return false
        }
    }

    public var mappingPairs: [(key: DocumentNode, value: DocumentNode)]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    public var sequenceItems: [DocumentNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    /// A word for the kind of node, for messages such as "expected a number, found a list".
    public var kindDescription: String {
        switch content {
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        case .scalar(let text, let quoted):
            if isNull { return "null" }
            if quoted { return "a string" }
            switch ScalarValue(plain: text) {
            case .bool: return "a boolean"
            case .int, .double: return "a number"
            case .string: return "a string"
            case .null: return "null"
            }
        }
    }
}

/// What a plain (unquoted) scalar means, by the YAML 1.2 core schema.
public enum ScalarValue: Sendable, Equatable {
    case null, bool(Bool), int(Int64), double(Double), string(String)

    public init(plain text: String) {
        // None of the special words starts with a digit: a number skips comparing against them.
        if let first = text.utf8.first, first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9") {
            self = ScalarValue(number: text)
            return
        }
        switch text {
        case "", "~", "null", "Null", "NULL": self = .null; return
        case "true", "True", "TRUE": self = .bool(true); return
        case "false", "False", "FALSE": self = .bool(false); return
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": self = .double(.infinity); return
        case "-.inf", "-.Inf", "-.INF": self = .double(-.infinity); return
        case ".nan", ".NaN", ".NAN": self = .double(.nan); return
        default: break
        }
        self = ScalarValue(number: text)
    }

    /// A plain scalar that is none of the special words: an integer, a float, or else a string.
    private init(number text: String) {
        if ScalarValue.looksLikeInteger(text) {
            // An integer too large for 64 bits is still a number: keep it as a double so range checks report it.
            self = Int64(text.hasPrefix("+") ? String(text.dropFirst()) : text).map(ScalarValue.int)
                ?? .double(Double(text) ?? .infinity)
        } else if ScalarValue.looksLikeFloat(text), let value = Double(text) {
            self = .double(value)
        } else {
            self = .string(text)
        }
    }

    /// `[+-]?[0-9]+`. Bytes suffice: an ASCII digit character is one byte, and any other byte fails the test
    /// as the character holding it would.
    private static func looksLikeInteger(_ text: String) -> Bool {
        var digits = text.utf8[...]
        if digits.first == UInt8(ascii: "-") || digits.first == UInt8(ascii: "+") { digits = digits.dropFirst() }
        return !digits.isEmpty && digits.allSatisfy(isDigit)
    }

    /// `[+-]?` then digits with at most one `.` (at least one digit), then optionally `[eE][+-]?[0-9]+`; read byte by
    /// byte for the same reason as above (a plain scalar that is a name or a date comes through here too).
    private static func looksLikeFloat(_ text: String) -> Bool {
        var bytes = text.utf8[...]
        if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        var digits = 0
        var dots = 0
        while let byte = bytes.first, byte != UInt8(ascii: "e") && byte != UInt8(ascii: "E") {
            if isDigit(byte) {
                digits += 1
            } else if byte == UInt8(ascii: ".") {
                dots += 1
            } else {
                return false
            }
            bytes = bytes.dropFirst()
        }
        guard digits > 0 && dots <= 1 else { return false }
        guard !bytes.isEmpty else { return true }
        bytes = bytes.dropFirst()
        if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        return !bytes.isEmpty && bytes.allSatisfy(isDigit)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
