/// Operator typing. The rules follow CEL: no implicit conversions, except
/// that numbers of different types may be compared and tested for equality
/// (heterogeneous equality, decided numerically at run time).
extension Checker {
    mutating func checkUnary(_ op: String, _ operand: ExpressionSyntax, span: SourceSpan) -> Result {
        let checked = check(operand)
        if op == "!" {
            guard ValueType.bool.accepts(checked.type) else { return noOverload("!_", [checked.type], at: span) }
            return (.bool, .unary(.not, checked.node))
        }
        switch checked.type {
        case .int, .double, .dyn: return (checked.type, .unary(.negate, checked.node))
        default: return noOverload("-_", [checked.type], at: span)
        }
    }

    mutating func checkBinary(_ op: String, _ lhsExpression: ExpressionSyntax, _ rhsExpression: ExpressionSyntax, span: SourceSpan) -> Result {
        let lhs = check(lhsExpression)
        let rhs = check(rhsExpression)
        let types = [lhs.type, rhs.type]
        if op == "&&" || op == "||" {
            guard ValueType.bool.accepts(lhs.type), ValueType.bool.accepts(rhs.type) else {
                return noOverload("_\(op)_", types, at: span)
            }
            return (.bool, op == "&&" ? .and(lhs.node, rhs.node) : .or(lhs.node, rhs.node))
        }
        guard let binary = BinaryOperator(rawValue: op) else {
            return report("unknown operator '\(op)'", at: span)
        }
        let node = Checked.binary(binary, lhs.node, rhs.node)
        guard let type = Checker.binaryResult(binary, lhs.type, rhs.type) else {
            return noOverload(binary.celName, types, at: span)
        }
        return (type, node)
    }

    /// The result type of a binary operator, or nil when no overload applies.
    static func binaryResult(_ op: BinaryOperator, _ lhs: ValueType, _ rhs: ValueType) -> ValueType? {
        switch op {
        case .add:
            if case .list(let a) = lhs, case .list(let b) = rhs {
                return a.accepts(b) ? .list(a.joined(with: b)) : nil
            }
            return resolve([lhs, rhs], among: [.int, .uint, .double, .string, .bytes, .list(.dyn)])
        case .subtract, .multiply, .divide:
            return resolve([lhs, rhs], among: [.int, .uint, .double])
        case .remainder:
            return resolve([lhs, rhs], among: [.int, .uint])
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            if lhs.isNumeric && rhs.isNumeric { return .bool }
            return resolve([lhs, rhs], among: [.int, .uint, .double, .string, .bytes, .bool]) == nil ? nil : .bool
        case .equal, .notEqual:
            return equatable(lhs, rhs) ? .bool : nil
        case .in:
            switch rhs {
            case .dyn: return .bool
            case .list(let element), .map(let element, _): return equatable(element, lhs) ? .bool : nil
            default: return nil
            }
        }
    }

    /// `==` accepts operands of one type (dyn-tolerant) or two numbers.
    static func equatable(_ lhs: ValueType, _ rhs: ValueType) -> Bool {
        if lhs.isNumeric && rhs.isNumeric { return true }
        if case .record = lhs { return false }
        return lhs.accepts(rhs)
    }

    /// Overload resolution for operators whose overloads take two operands of
    /// one type `T` and return `T`: the candidates both operands accept. One
    /// candidate gives its type; several (only possible with dyn) give dyn.
    static func resolve(_ operands: [ValueType], among candidates: [ValueType]) -> ValueType? {
        let matching = candidates.filter { candidate in operands.allSatisfy { candidate.accepts($0) } }
        guard let first = matching.first else { return nil }
        return matching.count > 1 ? .dyn : first
    }

    mutating func checkConditional(_ condition: ExpressionSyntax, _ whenTrue: ExpressionSyntax, _ whenFalse: ExpressionSyntax, span: SourceSpan) -> Result {
        let c = check(condition)
        let a = check(whenTrue)
        let b = check(whenFalse)
        guard ValueType.bool.accepts(c.type), a.type.accepts(b.type) else {
            return noOverload("_?_:_", [c.type, a.type, b.type], at: span)
        }
        return (a.type.joined(with: b.type), .conditional(c.node, a.node, b.node))
    }
}
