import RuleExpressions

/// One row of the evaluation table: an expression, the variables it sees,
/// and what it must produce.
struct Case: Sendable, CustomStringConvertible {
    enum Expected: Sendable {
        case value(Value)
        /// An error value whose message contains the fragment.
        case evaluationError(String)
        /// A compile error whose message contains the fragment.
        case compileError(String)
    }

    let expression: String
    let bindings: [String: Value]
    let expected: Expected

    var description: String { expression }
}

/// `expression` evaluates to `value`.
func ok(_ expression: String, _ value: Value, _ bindings: [String: Value] = [:]) -> Case {
    Case(expression: expression, bindings: bindings, expected: .value(value))
}

/// `expression` compiles but evaluates to an error mentioning `fragment`.
func fails(_ expression: String, _ fragment: String, _ bindings: [String: Value] = [:]) -> Case {
    Case(expression: expression, bindings: bindings, expected: .evaluationError(fragment))
}

/// `expression` does not compile; a diagnostic mentions `fragment`.
func rejected(_ expression: String, _ fragment: String) -> Case {
    Case(expression: expression, bindings: [:], expected: .compileError(fragment))
}

/// The declarations every table row is checked against.
let testEnvironment: Environment = {
    var environment = Environment()
    environment.declareRecord(
        "answers",
        fields: [
            ("a", .int), ("b", .int), ("followers", .int), ("flag", .bool), ("name", .string),
            ("score", .double), ("count", .uint), ("tags", .list(.string)), ("extra", .dyn),
            ("reply_hours", .double),
        ])
    environment.declareRecord("client", fields: [("size", .string), ("employees", .int)])
    environment.declare("overall", .double)
    environment.declare("coverage", .double)
    environment.declare("x", .dyn)
    environment.declare("y", .dyn)
    environment.declare("m", .map(.string, .int))
    environment.declare("l", .list(.int))
    environment.declare("s", .string)
    environment.declare("i", .int)
    environment.declare("u", .uint)
    environment.declare("d", .double)
    return environment
}()

/// Structural equality, except that NaN matches NaN so a table can expect it.
func sameValue(_ a: Value, _ b: Value) -> Bool {
    switch (a, b) {
    case (.double(let x), .double(let y)): return (x.isNaN && y.isNaN) || (x == y && x.sign == y.sign)
    case (.list(let x), .list(let y)): return x.count == y.count && zip(x, y).allSatisfy { sameValue($0, $1) }
    default: return a == b
    }
}

/// Compiles `source` against the test environment, returning its diagnostics or nil.
func diagnostics(_ source: String, _ environment: Environment = testEnvironment) -> [ExpressionDiagnostic]? {
    do {
        _ = try CompiledExpression(source, environment: environment)
        return nil
    } catch {
        return error.diagnostics
    }
}
