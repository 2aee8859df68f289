/// Turns a checked tree into a tree of closures, evaluated without looking
/// at the syntax again.
///
/// Subtrees whose inputs are all constants are evaluated once here (constant
/// folding), and the commonest rule shape, a variable compared with a
/// constant, gets a closure that tests the int case before anything generic.
enum Compiler {
    typealias Evaluate = @Sendable (Activation) -> Value

    /// A compiled subtree, with its value when that is known in advance.
    struct Compiled {
        var evaluate: Evaluate
        var constant: Value?

        static func constant(_ value: Value) -> Compiled {
            Compiled(evaluate: { _ in value }, constant: value)
        }
    }

    static func compile(_ node: Checked) -> Compiled {
        switch node {
        case .constant(let value):
            return .constant(value)
        case .slot(let slot, let name):
            let unset = Value.failure("no such key: \(name)")
            return Compiled(evaluate: { $0[slot] ?? unset }, constant: nil)
        case .list(let elements):
            let parts = elements.map(compile)
            if let values = constants(parts) { return .constant(Operations.makeList(values)) }
            let evaluators = parts.map(\.evaluate)
            return Compiled(evaluate: { a in Operations.makeList(evaluators.map { $0(a) }) }, constant: nil)
        case .map(let entries):
            let keys = entries.map { compile($0.key) }
            let values = entries.map { compile($0.value) }
            if let k = constants(keys), let v = constants(values) {
                return .constant(Operations.makeMap(Array(zip(k, v).map { (key: $0, value: $1) })))
            }
            let pairs = zip(keys.map(\.evaluate), values.map(\.evaluate)).map { ($0, $1) }
            return Compiled(evaluate: { a in Operations.makeMap(pairs.map { (key: $0.0(a), value: $0.1(a)) }) }, constant: nil)
        case .select(let operand, let field):
            return unary(compile(operand)) { Operations.select($0, field: field) }
        case .slotIsSet(let slot):
            return Compiled(evaluate: { .bool($0[slot] != nil) }, constant: nil)
        case .hasKey(let operand, let field):
            return unary(compile(operand)) { Operations.hasKey($0, field: field) }
        case .index(let operand, let index):
            return binary(compile(operand), compile(index), Operations.index)
        case .unary(.not, let operand):
            return unary(compile(operand), Operations.not)
        case .unary(.negate, let operand):
            return unary(compile(operand), Operations.negate)
        case .binary(let op, let lhs, let rhs):
            return compileBinary(op, lhs, rhs)
        case .and(let lhs, let rhs):
            return logical(compile(lhs), compile(rhs), absorbing: false)
        case .or(let lhs, let rhs):
            return logical(compile(lhs), compile(rhs), absorbing: true)
        case .conditional(let condition, let whenTrue, let whenFalse):
            return conditional(compile(condition), compile(whenTrue), compile(whenFalse))
        case .call(let builtin, let arguments):
            let parts = arguments.map(compile)
            if let values = constants(parts) { return .constant(Operations.call(builtin, values)) }
            let evaluators = parts.map(\.evaluate)
            return Compiled(evaluate: { a in Operations.call(builtin, evaluators.map { $0(a) }) }, constant: nil)
        case .matchesConstant(let subject, let pattern):
            return unary(compile(subject)) { value in
                switch value {
                case .string(let s): Operations.matches(s, regex: pattern.regex)
                case .error: value
                default: Operations.noOverload("matches", value, .string("<pattern>"))
                }
            }
        }
    }

    private static func constants(_ parts: [Compiled]) -> [Value]? {
        var values: [Value] = []
        for part in parts {
            guard let constant = part.constant else { return nil }
            values.append(constant)
        }
        return values
    }

    private static func unary(_ operand: Compiled, _ apply: @escaping @Sendable (Value) -> Value) -> Compiled {
        if let value = operand.constant { return .constant(apply(value)) }
        let evaluate = operand.evaluate
        return Compiled(evaluate: { apply(evaluate($0)) }, constant: nil)
    }

    private static func binary(_ lhs: Compiled, _ rhs: Compiled, _ apply: @escaping @Sendable (Value, Value) -> Value) -> Compiled {
        if let a = lhs.constant, let b = rhs.constant { return .constant(apply(a, b)) }
        let left = lhs.evaluate
        let right = rhs.evaluate
        return Compiled(evaluate: { apply(left($0), right($0)) }, constant: nil)
    }
}
