extension ExpressionParser {
    /// Literals, identifiers, global calls, parentheses, list and map literals.
    mutating func parsePrimary() throws(ExpressionDiagnostic) -> ExpressionSyntax {
        let start = token.span.start
        let end = token.span.end
        switch token.kind {
        case .int(let magnitude):
            try advance()
            guard let magnitude, let value = Int64(exactly: magnitude) else {
                throw ExpressionDiagnostic(message: "integer literal is out of range for int", span: SourceSpan(start: start, end: end))
            }
            return try node(.literal(.int(value)), from: start, to: end)
        case .uint(let magnitude):
            try advance()
            guard let magnitude else {
                throw ExpressionDiagnostic(message: "integer literal is out of range for uint", span: SourceSpan(start: start, end: end))
            }
            return try node(.literal(.uint(magnitude)), from: start, to: end)
        case .double(let value):
            try advance()
            return try node(.literal(.double(value)), from: start, to: end)
        case .string(let value):
            try advance()
            return try node(.literal(.string(value)), from: start, to: end)
        case .bytes(let value):
            try advance()
            return try node(.literal(.bytes(value)), from: start, to: end)
        case .identifier(let name):
            return try parseIdentifier(name, start: start, end: end)
        case .punctuation("("):
            try advance()
            let inner = try parseExpression()
            try expect(")", closes: "(")
            return inner
        case .punctuation("["):
            return try parseList(start: start)
        case .punctuation("{"):
            return try parseMap(start: start)
        case .punctuation("."):
            throw ExpressionDiagnostic(message: "qualified names starting with '.' are not supported", span: token.span)
        default:
            throw unexpected()
        }
    }

    private mutating func parseIdentifier(_ name: String, start: SourcePosition, end: SourcePosition) throws(ExpressionDiagnostic) -> ExpressionSyntax {
        let span = token.span
        switch name {
        case "true", "false":
            try advance()
            return try node(.literal(.bool(name == "true")), from: start, to: end)
        case "null":
            try advance()
            return try node(.literal(.null), from: start, to: end)
        case "in":
            throw unexpected()
        default:
            if reservedWords.contains(name) {
                throw ExpressionDiagnostic(message: "'\(name)' is a reserved word and cannot be used as a name", span: span)
            }
        }
        try advance()
        if token.isPunctuation("(") {
            let (arguments, callEnd) = try parseArguments()
            return try node(.call(function: name, receiver: nil, arguments: arguments), from: start, to: callEnd)
        }
        if token.isPunctuation("{") {
            throw ExpressionDiagnostic(message: "message construction ('\(name){...}') is not supported", span: token.span)
        }
        return try node(.identifier(name), from: start, to: end)
    }

    private mutating func parseList(start: SourcePosition) throws(ExpressionDiagnostic) -> ExpressionSyntax {
        try advance()
        var elements: [ExpressionSyntax] = []
        while !token.isPunctuation("]") {
            elements.append(try parseExpression())
            if !(try consume(",")) { break }
        }
        let end = token.span.end
        try expect("]", closes: "[")
        return try node(.list(elements), from: start, to: end)
    }

    private mutating func parseMap(start: SourcePosition) throws(ExpressionDiagnostic) -> ExpressionSyntax {
        try advance()
        var entries: [ExpressionSyntax.MapEntry] = []
        while !token.isPunctuation("}") {
            let key = try parseExpression()
            guard try consume(":") else {
                throw ExpressionDiagnostic(message: "expected ':' after a map key", span: token.span)
            }
            let value = try parseExpression()
            entries.append(ExpressionSyntax.MapEntry(key: key, value: value))
            if !(try consume(",")) { break }
        }
        let end = token.span.end
        try expect("}", closes: "{")
        return try node(.map(entries), from: start, to: end)
    }
}
