extension Value: CustomStringConvertible {
    /// A CEL-like literal spelling ("1u", "'text'", "[1, 2.0]"), for test
    /// failures and traces; not meant to be parsed back.
    public var description: String {
        switch self {
        case .null: "null"
        case .bool(let b): b ? "true" : "false"
        case .int(let i): String(i)
        case .uint(let u): "\(u)u"
        case .double(let d): d.description
        case .string(let s): "\"" + s.unicodeScalars.map(\.escapedForDescription).joined() + "\""
        case .bytes(let bytes): "b\"" + bytes.map { "\\x" + Value.hex(UInt32($0), width: 2) }.joined() + "\""
        case .list(let elements): "[" + elements.map(\.description).joined(separator: ", ") + "]"
        case .map(let map): "{" + map.entries.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
        case .error(let error): "error(\(error.message))"
        }
    }
}

extension Unicode.Scalar {
    fileprivate var escapedForDescription: String {
        switch self {
        case "\"": "\\\""
        case "\\": "\\\\"
        case "\n": "\\n"
        case "\t": "\\t"
        default: value < 0x20 ? "\\x" + Value.hex(value, width: 2) : String(self)
        }
    }
}
