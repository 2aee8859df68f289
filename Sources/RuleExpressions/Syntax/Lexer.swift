/// Splits an expression into tokens, tracking line and column as it goes.
///
/// Works on an array of Unicode scalars so that offsets and columns are in
/// scalars (what the public `SourcePosition` promises) and indexing is O(1).
struct Lexer {
    let scalars: [Unicode.Scalar]
    private(set) var index = 0
    private var line = 1
    private var column = 1

    init(_ source: String) {
        scalars = Array(source.unicodeScalars)
    }

    var position: SourcePosition {
        SourcePosition(offset: index, line: line, column: column)
    }

    func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        let at = index + ahead
        return at < scalars.count ? scalars[at] : nil
    }

    mutating func advance() {
        guard index < scalars.count else { return }
        if scalars[index] == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        index += 1
    }

    func error(_ message: String, from start: SourcePosition) -> ExpressionDiagnostic {
        ExpressionDiagnostic(message: message, span: SourceSpan(start: start, end: position))
    }

    /// The next token, or a diagnostic for malformed input.
    mutating func next() throws(ExpressionDiagnostic) -> Token {
        skipTrivia()
        let start = position
        guard let c = peek() else { return Token(kind: .end, span: SourceSpan(start: start, end: start)) }

        if c.isIdentifierStart {
            if let literal = try stringWithPrefix(start: start) { return literal }
            var name = ""
            while let d = peek(), d.isIdentifierPart {
                name.unicodeScalars.append(d)
                advance()
            }
            return Token(kind: .identifier(name), span: SourceSpan(start: start, end: position))
        }
        if c.isDigit || (c == "." && peek(1)?.isDigit == true) {
            let kind = try number(start: start)
            return Token(kind: kind, span: SourceSpan(start: start, end: position))
        }
        if c == "\"" || c == "'" {
            let kind = try quoted(raw: false, bytes: false, start: start)
            return Token(kind: kind, span: SourceSpan(start: start, end: position))
        }
        for operatorText in ["<=", ">=", "==", "!=", "&&", "||"] where matches(operatorText) {
            advance()
            advance()
            return Token(kind: .punctuation(operatorText), span: SourceSpan(start: start, end: position))
        }
        if "()[]{}.,:?!-+*/%<>".unicodeScalars.contains(c) {
            advance()
            return Token(kind: .punctuation(String(c)), span: SourceSpan(start: start, end: position))
        }
        advance()
        if c == "=" || c == "&" || c == "|" {
            throw error("unexpected character '\(c)'; did you mean '\(c)\(c)'?", from: start)
        }
        let shown = c.value < 0x20 || c.value == 0x7F ? "U+" + Value.hex(c.value, width: 4) : String(c)
        throw error("unexpected character '\(shown)'", from: start)
    }

    private func matches(_ text: String) -> Bool {
        for (offset, scalar) in text.unicodeScalars.enumerated() where peek(offset) != scalar {
            return false
        }
        return true
    }

    /// Skips whitespace and `//` comments.
    private mutating func skipTrivia() {
        while let c = peek() {
            if c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0C}" {
                advance()
            } else if c == "/", peek(1) == "/" {
                while let d = peek(), d != "\n" { advance() }
            } else {
                return
            }
        }
    }

    /// A string or bytes literal introduced by r, b, rb or br (any case), or nil.
    private mutating func stringWithPrefix(start: SourcePosition) throws(ExpressionDiagnostic) -> Token? {
        var raw = false
        var bytes = false
        var length = 0
        while length < 2, let c = peek(length) {
            if (c == "r" || c == "R") && !raw {
                raw = true
            } else if (c == "b" || c == "B") && !bytes {
                bytes = true
            } else {
                break
            }
            length += 1
        }
        guard length > 0, let quote = peek(length), quote == "\"" || quote == "'" else { return nil }
        for _ in 0..<length { advance() }
        let kind = try quoted(raw: raw, bytes: bytes, start: start)
        return Token(kind: kind, span: SourceSpan(start: start, end: position))
    }

    private mutating func number(start: SourcePosition) throws(ExpressionDiagnostic) -> Token.Kind {
        if peek() == "0", peek(1) == "x" || peek(1) == "X" {
            advance()
            advance()
            var digits = ""
            while let d = peek(), d.isHexDigit {
                digits.unicodeScalars.append(d)
                advance()
            }
            guard !digits.isEmpty else { throw error("expected hexadecimal digits after '0x'", from: start) }
            let magnitude = UInt64(digits, radix: 16)
            return try integerSuffix(magnitude, start: start)
        }
        var text = ""
        var isDouble = false
        appendDigits(to: &text)
        if peek() == ".", peek(1)?.isDigit == true {
            isDouble = true
            text += "."
            advance()
            appendDigits(to: &text)
        }
        if peek() == "e" || peek() == "E" {
            let signLength = peek(1) == "+" || peek(1) == "-" ? 1 : 0
            if peek(1 + signLength)?.isDigit == true {
                isDouble = true
                text += "e"
                advance()
                if signLength == 1, let sign = peek() {
                    text.unicodeScalars.append(sign)
                    advance()
                }
                appendDigits(to: &text)
            } else {
                advance()
                throw error("expected digits in the exponent of a number", from: start)
            }
        }
        if isDouble {
            if let d = Double(text.hasPrefix(".") ? "0" + text : text) { return .double(d) }
            throw error("malformed number '\(text)'", from: start)
        }
        return try integerSuffix(UInt64(text), start: start)
    }

    private mutating func appendDigits(to text: inout String) {
        while let d = peek(), d.isDigit {
            text.unicodeScalars.append(d)
            advance()
        }
    }

    private mutating func integerSuffix(_ magnitude: UInt64?, start: SourcePosition) throws(ExpressionDiagnostic) -> Token.Kind {
        if peek() == "u" || peek() == "U" {
            advance()
            return .uint(magnitude)
        }
        if let c = peek(), c.isIdentifierPart {
            advance()
            throw error("unexpected '\(c)' after a number", from: start)
        }
        return .int(magnitude)
    }
}

extension Unicode.Scalar {
    var isDigit: Bool { ("0"..."9").contains(self) }
    var isHexDigit: Bool { isDigit || ("a"..."f").contains(self) || ("A"..."F").contains(self) }
    var isIdentifierStart: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) || self == "_" }
    var isIdentifierPart: Bool { isIdentifierStart || isDigit }
}
