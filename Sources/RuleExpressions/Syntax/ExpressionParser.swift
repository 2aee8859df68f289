/// Limits that keep hostile input from exhausting memory or the stack.
public enum ExpressionLimits {
    /// Longest accepted source, in Unicode scalars.
    public static let maxLength = 10_000
    /// Deepest accepted nesting (parentheses, operands, calls) and tree height.
    /// The checker and evaluator recurse once per level, so this bounds their
    /// stack use too.
    public static let maxDepth = 128
}

/// Recursive-descent parser for the CEL grammar, precedence lowest first:
/// `?:`, `||`, `&&`, relations (`< <= > >= == != in`), `+ -`, `* / %`,
/// unary `! -`, then member access, indexing and calls.
///
/// Stops at the first error: later errors after a syntax error are mostly noise.
public struct ExpressionParser {
    var lexer: Lexer
    var token: Token
    var nesting = 0

    /// Parses `source` into a syntax tree.
    public static func parse(_ source: String) throws(ExpressionDiagnostic) -> ExpressionSyntax {
        var lexer = Lexer(source)
        if lexer.scalars.count > ExpressionLimits.maxLength {
            let start = SourcePosition(offset: 0, line: 1, column: 1)
            throw ExpressionDiagnostic(
                message: "expression is too long (\(lexer.scalars.count) characters; the limit is \(ExpressionLimits.maxLength))",
                span: SourceSpan(start: start, end: start))
        }
        let first = try lexer.next()
        var parser = ExpressionParser(lexer: lexer, token: first)
        let expression = try parser.parseExpression()
        guard case .end = parser.token.kind else {
            throw parser.unexpected()
        }
        return expression
    }

    init(lexer: Lexer, token: Token) {
        self.lexer = lexer
        self.token = token
    }

    // MARK: Tokens

    mutating func advance() throws(ExpressionDiagnostic) {
        token = try lexer.next()
    }

    mutating func consume(_ punctuation: String) throws(ExpressionDiagnostic) -> Bool {
        guard token.isPunctuation(punctuation) else { return false }
        try advance()
        return true
    }

    func unexpected() -> ExpressionDiagnostic {
        if case .end = token.kind {
            return ExpressionDiagnostic(message: "unexpected end of expression", span: token.span)
        }
        return ExpressionDiagnostic(message: "unexpected \(token.spelling)", span: token.span)
    }

    /// Requires `closing`, naming the bracket it closes in the message.
    mutating func expect(_ closing: String, closes opening: String) throws(ExpressionDiagnostic) {
        guard try consume(closing) else {
            let found = token.kind == .end ? "" : "; found \(token.spelling)"
            throw ExpressionDiagnostic(message: "expected '\(closing)' to close '\(opening)'\(found)", span: token.span)
        }
    }

    func node(_ kind: ExpressionSyntax.Kind, from start: SourcePosition, to end: SourcePosition) throws(ExpressionDiagnostic) -> ExpressionSyntax {
        let expression = ExpressionSyntax(kind, span: SourceSpan(start: start, end: end))
        if expression.depth > ExpressionLimits.maxDepth {
            throw tooDeep(expression.span)
        }
        return expression
    }

    func tooDeep(_ span: SourceSpan) -> ExpressionDiagnostic {
        ExpressionDiagnostic(message: "expression is nested too deeply (the limit is \(ExpressionLimits.maxDepth) levels)", span: span)
    }

    /// Counts one level of recursion; every recursive path passes through here.
    mutating func enter() throws(ExpressionDiagnostic) {
        nesting += 1
        if nesting > ExpressionLimits.maxDepth { throw tooDeep(token.span) }
    }

    // MARK: Grammar

    mutating func parseExpression() throws(ExpressionDiagnostic) -> ExpressionSyntax {
        try enter()
        defer { nesting -= 1 }
        let condition = try parseLogical("||")
        guard try consume("?") else { return condition }
        let whenTrue = try parseLogical("||")
        guard try consume(":") else {
            throw ExpressionDiagnostic(message: "expected ':' in conditional expression", span: token.span)
        }
        let whenFalse = try parseExpression()
        return try node(.conditional(condition, whenTrue, whenFalse), from: condition.span.start, to: whenFalse.span.end)
    }

    /// `||` over `&&` chains, or an `&&` chain over relations. Chains are
    /// built as balanced trees (as cel-go does) so a long `a && b && ...`
    /// does not count as deep nesting; the operators are associative.
    mutating func parseLogical(_ op: String) throws(ExpressionDiagnostic) -> ExpressionSyntax {
        var operands = [op == "||" ? try parseLogical("&&") : try parseRelation()]
        while try consume(op) {
            operands.append(op == "||" ? try parseLogical("&&") : try parseRelation())
        }
        return try balanced(op, operands[...])
    }

    func balanced(_ op: String, _ operands: ArraySlice<ExpressionSyntax>) throws(ExpressionDiagnostic) -> ExpressionSyntax {
        guard operands.count > 1, let first = operands.first, let last = operands.last else {
            guard let only = operands.first else { throw unexpected() }
            return only
        }
        let middle = operands.startIndex + operands.count / 2
        let lhs = try balanced(op, operands[..<middle])
        let rhs = try balanced(op, operands[middle...])
        return try node(.binary(op, lhs, rhs), from: first.span.start, to: last.span.end)
    }

    mutating func parseRelation() throws(ExpressionDiagnostic) -> ExpressionSyntax {
        var lhs = try parseAddition()
        while true {
            let op: String
            switch token.kind {
            case .punctuation(let p) where ["<", "<=", ">", ">=", "==", "!="].contains(p): op = p
            case .identifier("in"): op = "in"
            default: return lhs
            }
            try advance()
            let rhs = try parseAddition()
            lhs = try node(.binary(op, lhs, rhs), from: lhs.span.start, to: rhs.span.end)
        }
    }

    mutating func parseAddition() throws(ExpressionDiagnostic) -> ExpressionSyntax {
        var lhs = try parseMultiplication()
        while case .punctuation(let op) = token.kind, op == "+" || op == "-" {
            try advance()
            let rhs = try parseMultiplication()
            lhs = try node(.binary(op, lhs, rhs), from: lhs.span.start, to: rhs.span.end)
        }
        return lhs
    }

    mutating func parseMultiplication() throws(ExpressionDiagnostic) -> ExpressionSyntax {
        var lhs = try parseUnary()
        while case .punctuation(let op) = token.kind, op == "*" || op == "/" || op == "%" {
            try advance()
            let rhs = try parseUnary()
            lhs = try node(.binary(op, lhs, rhs), from: lhs.span.start, to: rhs.span.end)
        }
        return lhs
    }

    mutating func parseUnary() throws(ExpressionDiagnostic) -> ExpressionSyntax {
        guard case .punctuation(let op) = token.kind, op == "!" || op == "-" else {
            return try parseMember()
        }
        let start = token.span.start
        try enter()
        defer { nesting -= 1 }
        try advance()
        // A minus directly before an integer literal makes a negative literal,
        // which is how -9223372036854775808 (no positive counterpart) is written.
        if op == "-", case .int(let magnitude) = token.kind {
            let literalSpan = token.span
            try advance()
            guard let magnitude, magnitude <= UInt64(Int64.max) + 1 else {
                throw ExpressionDiagnostic(message: "integer literal is out of range for int", span: SourceSpan(start: start, end: literalSpan.end))
            }
            let value = magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
            let literal = try node(.literal(.int(value)), from: start, to: literalSpan.end)
            return try parseMemberSuffixes(literal)
        }
        let operand = try parseUnary()
        return try node(.unary(op, operand), from: start, to: operand.span.end)
    }

    mutating func parseMember() throws(ExpressionDiagnostic) -> ExpressionSyntax {
        try parseMemberSuffixes(try parsePrimary())
    }

    mutating func parseMemberSuffixes(_ base: ExpressionSyntax) throws(ExpressionDiagnostic) -> ExpressionSyntax {
        var expression = base
        while true {
            if try consume(".") {
                guard case .identifier(let name) = token.kind else {
                    throw ExpressionDiagnostic(message: "expected a field or method name after '.'", span: token.span)
                }
                let nameSpan = token.span
                try advance()
                if token.isPunctuation("(") {
                    let (arguments, end) = try parseArguments()
                    expression = try node(.call(function: name, receiver: expression, arguments: arguments), from: expression.span.start, to: end)
                } else {
                    expression = try node(.select(operand: expression, field: name, fieldSpan: nameSpan), from: expression.span.start, to: nameSpan.end)
                }
            } else if token.isPunctuation("[") {
                try advance()
                let index = try parseExpression()
                let end = token.span.end
                try expect("]", closes: "[")
                expression = try node(.index(operand: expression, index: index), from: expression.span.start, to: end)
            } else {
                return expression
            }
        }
    }

    /// `( expr, ... )` starting at the '('; returns the arguments and where ')' ends.
    mutating func parseArguments() throws(ExpressionDiagnostic) -> ([ExpressionSyntax], SourcePosition) {
        try advance()
        var arguments: [ExpressionSyntax] = []
        if !token.isPunctuation(")") {
            repeat {
                arguments.append(try parseExpression())
            } while try consume(",")
        }
        let end = token.span.end
        try expect(")", closes: "(")
        return (arguments, end)
    }
}
