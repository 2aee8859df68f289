/// An expression parsed, type-checked and compiled once, ready to evaluate
/// many times against different activations.
public struct CompiledExpression: Sendable {
    public let source: String
    /// The static type of the result; rule conditions require `.bool`.
    public let resultType: ValueType
    /// The variables and record fields the expression reads, in order of first
    /// appearance, without repeats, so a caller can show which values made a
    /// rule fire.
    public let references: [ExpressionReference]
    /// The syntax tree, for tools that want to walk it.
    public let syntax: ExpressionSyntax
    private let program: @Sendable (Activation) -> Value

    /// Parses, type-checks against `environment`, and compiles.
    /// - Throws: every problem found: the first parse error, or all type errors.
    public init(_ source: String, environment: Environment) throws(ExpressionDiagnostics) {
        let syntax: ExpressionSyntax
        do {
            syntax = try ExpressionParser.parse(source)
        } catch {
            throw ExpressionDiagnostics(diagnostics: [error])
        }
        var checker = Checker(environment: environment)
        let (type, checked) = checker.check(syntax)
        guard checker.diagnostics.isEmpty else {
            throw ExpressionDiagnostics(diagnostics: checker.diagnostics)
        }
        self.source = source
        self.syntax = syntax
        self.resultType = type
        self.references = checker.references
        self.program = Compiler.compile(checked).evaluate
    }

    /// Evaluates without parsing again. Never traps: every failure is an `.error` value.
    public func evaluate(_ activation: Activation) -> Value {
        program(activation)
    }
}
