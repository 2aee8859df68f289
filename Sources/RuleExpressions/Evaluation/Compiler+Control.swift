/// Operators that do not simply evaluate all their operands: `&&`, `||`,
/// `?:`, and the fast paths for comparisons.
extension Compiler {
    /// `&&` (absorbing false) or `||` (absorbing true), commutative over
    /// errors as CEL specifies: `false && error` and `error && false` are both
    /// false. The right side is evaluated only when the left does not decide.
    static func logical(_ lhs: Compiled, _ rhs: Compiled, absorbing: Bool) -> Compiled {
        let name = absorbing ? "_||_" : "_&&_"
        @Sendable func combine(_ a: Value, _ b: @autoclosure () -> Value) -> Value {
            if case .bool(let x) = a, x == absorbing { return a }
            let second = b()
            if case .bool(let y) = second, y == absorbing { return second }
            switch (a, second) {
            case (.bool, .bool): return second
            case (.error, _): return a
            case (_, .error): return second
            default: return Operations.noOverload(name, a, second)
            }
        }
        if let a = lhs.constant, let b = rhs.constant { return .constant(combine(a, b)) }
        if let a = lhs.constant, case .bool(let x) = a, x == absorbing { return .constant(a) }
        let left = lhs.evaluate
        let right = rhs.evaluate
        return Compiled(evaluate: { activation in combine(left(activation), right(activation)) }, constant: nil)
    }

    /// Evaluates only the chosen branch.
    static func conditional(_ condition: Compiled, _ whenTrue: Compiled, _ whenFalse: Compiled) -> Compiled {
        if case .bool(let c)? = condition.constant { return c ? whenTrue : whenFalse }
        let test = condition.evaluate
        let yes = whenTrue.evaluate
        let no = whenFalse.evaluate
        return Compiled(
            evaluate: { activation in
                switch test(activation) {
                case .bool(true): yes(activation)
                case .bool(false): no(activation)
                case .error(let error): .error(error)
                case let other: Operations.noOverload("_?_:_", other)
                }
            }, constant: nil)
    }

    static func compileBinary(_ op: BinaryOperator, _ lhsNode: Checked, _ rhsNode: Checked) -> Compiled {
        let lhs = compile(lhsNode)
        let rhs = compile(rhsNode)
        if let a = lhs.constant, let b = rhs.constant { return .constant(Operations.binary(op, a, b)) }
        switch op {
        case .less, .lessOrEqual, .greater, .greaterOrEqual, .equal, .notEqual:
            if case .slot(let slot, let name) = lhsNode, let constant = rhs.constant,
                let fast = slotVersusConstant(op, slot: slot, name: name, constant)
            {
                return fast
            }
            let left = lhs.evaluate
            let right = rhs.evaluate
            let test = orderTest(op, Int64.self)
            return Compiled(
                evaluate: { activation in
                    let a = left(activation)
                    let b = right(activation)
                    if case .int(let x) = a, case .int(let y) = b { return .bool(test(x, y)) }
                    return Operations.binary(op, a, b)
                }, constant: nil)
        default:
            let left = lhs.evaluate
            let right = rhs.evaluate
            return Compiled(evaluate: { Operations.binary(op, left($0), right($0)) }, constant: nil)
        }
    }
}
