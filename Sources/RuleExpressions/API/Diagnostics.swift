/// Where something stands in an expression's source.
///
/// Offsets count Unicode scalars from the start so that they agree with the
/// lexer, which walks scalars; line and column are 1-based, the column also in
/// Unicode scalars, so a caller can underline the spot in a terminal.
public struct SourcePosition: Sendable, Hashable {
    /// Unicode scalars before this position.
    public var offset: Int
    /// 1-based line.
    public var line: Int
    /// 1-based column, in Unicode scalars.
    public var column: Int

    public init(offset: Int, line: Int, column: Int) {
        self.offset = offset
        self.line = line
        self.column = column
    }
}

/// A half-open range of source, `start` included, `end` excluded.
public struct SourceSpan: Sendable, Hashable {
    public var start: SourcePosition
    public var end: SourcePosition

    public init(start: SourcePosition, end: SourcePosition) {
        self.start = start
        self.end = end
    }
}

/// One problem found while compiling (parse or type check).
///
/// `message` is a plain sentence without a location prefix; where it is shown
/// (a terminal, a rubric loader's diagnostics) decides how to render `span`.
public struct ExpressionDiagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var span: SourceSpan

    public init(message: String, span: SourceSpan) {
        self.message = message
        self.span = span
    }

    /// `line:column: message`, for logs and test failures.
    public var description: String {
        "\(span.start.line):\(span.start.column): \(message)"
    }
}

/// Everything found wrong while compiling one expression.
///
/// A parse error stops parsing, so there is one; the type checker goes on
/// after an error and reports every problem it can see.
public struct ExpressionDiagnostics: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [ExpressionDiagnostic]

    public init(diagnostics: [ExpressionDiagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
