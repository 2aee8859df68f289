/// One lexical token with the span it covers.
struct Token: Sendable {
    enum Kind: Sendable, Equatable {
        case identifier(String)
        /// The magnitude of an integer literal; nil when it does not fit in
        /// 64 bits. The sign is applied by the parser so that
        /// -9223372036854775808 is representable.
        case int(UInt64?)
        case uint(UInt64?)
        case double(Double)
        case string(String)
        case bytes([UInt8])
        case punctuation(String)
        case end
    }

    var kind: Kind
    var span: SourceSpan

    /// How the token reads in a diagnostic ("')'", "identifier 'x'", "end of expression").
    var spelling: String {
        switch kind {
        case .identifier(let name): "'\(name)'"
        case .int, .uint, .double: "number"
        case .string: "string"
        case .bytes: "bytes"
        case .punctuation(let text): "'\(text)'"
        case .end: "end of expression"
        }
    }

    func isPunctuation(_ text: String) -> Bool {
        kind == .punctuation(text)
    }
}

/// Words the CEL grammar reserves for the future; they cannot name anything.
let reservedWords: Set<String> = [
    "as", "break", "const", "continue", "else", "for", "function", "if", "import",
    "let", "loop", "package", "namespace", "return", "var", "void", "while",
]
