/// Typing of function calls and the `has()` macro.
extension Checker {
    mutating func checkCall(_ function: String, receiver: ExpressionSyntax?, arguments: [ExpressionSyntax], span: SourceSpan) -> Result {
        if function == "has" && receiver == nil {
            return checkHas(arguments, span: span)
        }
        guard let builtin = Builtin(rawValue: function) else {
            var message = "unknown function '\(function)'"
            let names = Builtin.allCases.map(\.rawValue) + ["has"]
            if let suggestion = Spelling.suggestion(for: function, among: names) {
                message += "; did you mean '\(suggestion)'?"
            }
            for argument in arguments { _ = check(argument) }
            return report(message, at: span)
        }
        let all = (receiver.map { [$0] } ?? []) + arguments
        let checked = all.map { check($0) }
        let types = checked.map(\.type)
        let nodes = checked.map(\.node)
        guard let type = Checker.callResult(builtin, types, receiverStyle: receiver != nil) else {
            return noOverload(function, types, at: span)
        }
        if builtin == .matches, case .constant(.string(let pattern))? = nodes.last, let subject = nodes.first,
            let patternExpression = all.last
        {
            do {
                let regex = try Regex(pattern)
                return (type, .matchesConstant(subject, CompiledPattern(regex)))
            } catch {
                return report("invalid regular expression '\(pattern)': \(error)", at: patternExpression.span)
            }
        }
        return (type, .call(builtin, nodes))
    }

    /// The result type of a builtin applied to `types` (receiver first), or nil.
    static func callResult(_ builtin: Builtin, _ types: [ValueType], receiverStyle: Bool) -> ValueType? {
        func one(_ accepted: [ValueType], _ result: ValueType) -> ValueType? {
            guard !receiverStyle, types.count == 1, let type = types.first else { return nil }
            return accepted.contains { $0.accepts(type) } ? result : nil
        }
        func strings(_ result: ValueType) -> ValueType? {
            guard types.count == 2, types.allSatisfy({ ValueType.string.accepts($0) }) else { return nil }
            return result
        }
        switch builtin {
        case .size:
            guard types.count == 1, let type = types.first else { return nil }
            switch type {
            case .string, .bytes, .list, .map, .dyn: return .int
            default: return nil
            }
        case .contains, .startsWith, .endsWith:
            return receiverStyle ? strings(.bool) : nil
        case .matches:
            return strings(.bool)
        case .int: return one([.int, .uint, .double, .string], .int)
        case .uint: return one([.int, .uint, .double, .string], .uint)
        case .double: return one([.int, .uint, .double, .string], .double)
        case .string: return one([.int, .uint, .double, .string, .bool, .bytes], .string)
        case .bool: return one([.bool, .string], .bool)
        case .bytes: return one([.bytes, .string], .bytes)
        case .dyn: return receiverStyle || types.count != 1 ? nil : .dyn
        }
    }

    /// `has(x.f)`: for a record, whether the field's slot is set (an unknown
    /// field is an error, as in selection); for a map, whether key "f" exists.
    private mutating func checkHas(_ arguments: [ExpressionSyntax], span: SourceSpan) -> Result {
        guard arguments.count == 1, let argument = arguments.first,
            case .select(let operand, let field, let fieldSpan) = argument.kind
        else {
            return report("has() takes one field selection, e.g. has(answers.x)", at: span)
        }
        if case .identifier(let name) = operand.kind, case .record? = environment.declarations[name] {
            guard let resolved = recordField(name, field, fieldSpan: fieldSpan) else { return Checker.failed }
            return (.bool, .slotIsSet(resolved.slot))
        }
        let base = check(operand)
        switch base.type {
        case .dyn, .map:
            return (.bool, .hasKey(base.node, field: field))
        default:
            return report("has() needs a map or record operand; found '\(base.type)'", at: operand.span)
        }
    }
}
