extension Value {
    /// The value as JSON text, for reports and `--json` output.
    ///
    /// Integers print without a decimal point and doubles always with a '.' or
    /// an exponent, so a reader can tell them apart; NaN and the infinities,
    /// which JSON cannot spell, become the strings "NaN", "Infinity" and
    /// "-Infinity". Map keys that are not strings print in their string form.
    /// Bytes become base64 (as in protobuf's JSON mapping) and an error value
    /// becomes `{"error": "message"}`.
    public var jsonText: String {
        var output = ""
        writeJSON(to: &output)
        return output
    }

    private func writeJSON(to output: inout String) {
        switch self {
        case .null: output += "null"
        case .bool(let b): output += b ? "true" : "false"
        case .int(let i): output += String(i)
        case .uint(let u): output += String(u)
        case .double(let d): output += Value.jsonNumber(d)
        case .string(let s): Value.writeJSONString(s, to: &output)
        case .bytes(let bytes): Value.writeJSONString(Base64.encode(bytes), to: &output)
        case .list(let elements):
            output += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { output += "," }
                element.writeJSON(to: &output)
            }
            output += "]"
        case .map(let map):
            output += "{"
            for (index, entry) in map.entries.enumerated() {
                if index > 0 { output += "," }
                let keyText: String
                switch entry.key {
                case .string(let s): keyText = s
                case .bool(let b): keyText = b ? "true" : "false"
                case .int(let i): keyText = String(i)
                case .uint(let u): keyText = String(u)
                case .double(let d): keyText = String(d)
                default: keyText = entry.key.jsonText
                }
                Value.writeJSONString(keyText, to: &output)
                output += ":"
                entry.value.writeJSON(to: &output)
            }
            output += "}"
        case .error(let error):
            output += "{\"error\":"
            Value.writeJSONString(error.message, to: &output)
            output += "}"
        }
    }

    /// Swift's shortest round-tripping spelling, which always has a '.' or an
    /// exponent ("1.0", "2.5e+20", "1e-07"), with non-finite values quoted.
    static func jsonNumber(_ d: Double) -> String {
        if d.isNaN { return "\"NaN\"" }
        if d.isInfinite { return d < 0 ? "\"-Infinity\"" : "\"Infinity\"" }
        return d.description
    }

    static func writeJSONString(_ s: String, to output: inout String) {
        output += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    output += "\\u" + Value.hex(scalar.value, width: 4)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }

    static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

/// Standard base64 with padding; small enough not to need Foundation.
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".unicodeScalars)

    static func encode(_ bytes: [UInt8]) -> String {
        var output = String.UnicodeScalarView()
        var index = 0
        while index < bytes.count {
            let b0 = UInt32(bytes[index])
            let b1 = index + 1 < bytes.count ? UInt32(bytes[index + 1]) : 0
            let b2 = index + 2 < bytes.count ? UInt32(bytes[index + 2]) : 0
            let triple = b0 << 16 | b1 << 8 | b2
            output.append(alphabet[Int(triple >> 18 & 63)])
            output.append(alphabet[Int(triple >> 12 & 63)])
            output.append(index + 1 < bytes.count ? alphabet[Int(triple >> 6 & 63)] : "=")
            output.append(index + 2 < bytes.count ? alphabet[Int(triple & 63)] : "=")
            index += 3
        }
        return String(output)
    }
}
