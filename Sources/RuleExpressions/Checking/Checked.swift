/// A type-checked expression with names resolved to slots: what the checker
/// hands to the compiler.
///
/// Operators keep no overload identity because the evaluator dispatches on
/// values anyway (a `dyn` operand has to); the checker's job is to refuse
/// what can never work before anything runs.
indirect enum Checked: Sendable {
    case constant(Value)
    /// A variable or record field; `name` ("answers.x") is for the unset-slot error.
    case slot(Int, name: String)
    case list([Checked])
    case map([(key: Checked, value: Checked)])
    /// Field selection on a map (or a dyn value holding one).
    case select(Checked, field: String)
    /// `has(record.field)`: whether the slot is set.
    case slotIsSet(Int)
    /// `has(map.field)`: whether the key is present.
    case hasKey(Checked, field: String)
    case index(Checked, Checked)
    case unary(UnaryOperator, Checked)
    case binary(BinaryOperator, Checked, Checked)
    case and(Checked, Checked)
    case or(Checked, Checked)
    case conditional(Checked, Checked, Checked)
    case call(Builtin, [Checked])
    /// `matches` with a constant pattern compiled once by the checker.
    case matchesConstant(Checked, CompiledPattern)
}

enum UnaryOperator: Sendable {
    case not, negate
}

enum BinaryOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%"
    case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case equal = "==", notEqual = "!=", `in` = "in"

    /// The CEL overload name used in diagnostics ("_+_", "@in").
    var celName: String {
        self == .in ? "@in" : "_\(rawValue)_"
    }
}

/// The functions of the language, receiver first where there is one.
enum Builtin: String, Sendable, CaseIterable {
    case size, contains, startsWith, endsWith, matches
    case int, uint, double, string, bool, bytes, dyn
}

/// A regular expression compiled at check time, shared by every evaluation.
///
/// `Regex` does not promise `Sendable`; this box is safe because the regex is
/// never mutated after creation and matching does not mutate it.
final class CompiledPattern: @unchecked Sendable {
    let regex: Regex<AnyRegexOutput>

    init(_ regex: Regex<AnyRegexOutput>) {
        self.regex = regex.matchingSemantics(.unicodeScalar)
    }
}
