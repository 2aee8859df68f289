extension Lexer {
    /// Reads a quoted literal starting at the opening quote: single or double,
    /// optionally tripled (which may span lines), raw (no escapes) or not.
    ///
    /// Text is collected as bytes so that `\xHH` and octal escapes in a bytes
    /// literal can produce any byte; in a string literal those escapes denote
    /// code points, as the CEL spec says.
    mutating func quoted(raw: Bool, bytes: Bool, start: SourcePosition) throws(ExpressionDiagnostic) -> Token.Kind {
        guard let quote = peek() else { throw error("unterminated string literal", from: start) }
        let triple = peek(1) == quote && peek(2) == quote
        for _ in 0..<(triple ? 3 : 1) { advance() }
        var scalars = String.UnicodeScalarView()
        var data: [UInt8] = []

        func append(_ scalar: Unicode.Scalar) {
            if bytes { data.append(contentsOf: Array(String(scalar).utf8)) } else { scalars.append(scalar) }
        }

        while true {
            guard let c = peek() else { throw error("unterminated string literal", from: start) }
            if c == quote && (!triple || (peek(1) == quote && peek(2) == quote)) {
                for _ in 0..<(triple ? 3 : 1) { advance() }
                break
            }
            if !triple && (c == "\n" || c == "\r") {
                throw error("unterminated string literal", from: start)
            }
            if c == "\\" && !raw {
                let escapeStart = position
                advance()
                let escape = try readEscape(start: escapeStart)
                switch escape {
                case .scalar(let scalar): append(scalar)
                case .byte(let byte):
                    if bytes {
                        data.append(byte)
                    } else {
                        scalars.append(Unicode.Scalar(byte))
                    }
                }
                continue
            }
            append(c)
            advance()
        }
        return bytes ? .bytes(data) : .string(String(scalars))
    }

    enum Escape {
        case scalar(Unicode.Scalar)
        /// \xHH or octal: a byte in bytes literals, a code point in strings.
        case byte(UInt8)
    }

    /// Reads what follows a backslash.
    private mutating func readEscape(start: SourcePosition) throws(ExpressionDiagnostic) -> Escape {
        guard let c = peek() else { throw error("unterminated string literal", from: start) }
        advance()
        switch c {
        case "a": return .scalar("\u{07}")
        case "b": return .scalar("\u{08}")
        case "f": return .scalar("\u{0C}")
        case "n": return .scalar("\n")
        case "r": return .scalar("\r")
        case "t": return .scalar("\t")
        case "v": return .scalar("\u{0B}")
        case "\\", "'", "\"", "`", "?": return .scalar(c)
        case "x", "X":
            let value = try hexDigits(2, start: start)
            return .byte(UInt8(truncatingIfNeeded: value))
        case "u", "U":
            let value = try hexDigits(c == "u" ? 4 : 8, start: start)
            guard let scalar = Unicode.Scalar(value) else {
                throw error("invalid Unicode code point in escape", from: start)
            }
            return .scalar(scalar)
        case "0"..."3":
            var value = c.value - 48
            for _ in 0..<2 {
                guard let d = peek(), ("0"..."7").contains(d) else {
                    throw error("octal escape needs three digits", from: start)
                }
                value = value * 8 + (d.value - 48)
                advance()
            }
            return .byte(UInt8(truncatingIfNeeded: value))
        default:
            throw error("invalid escape sequence '\\\(c)'", from: start)
        }
    }

    private mutating func hexDigits(_ count: Int, start: SourcePosition) throws(ExpressionDiagnostic) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<count {
            guard let d = peek(), d.isHexDigit, let digit = UInt32(String(d), radix: 16) else {
                throw error("expected \(count) hexadecimal digits in escape", from: start)
            }
            value = value &* 16 &+ digit
            advance()
        }
        return value
    }
}
