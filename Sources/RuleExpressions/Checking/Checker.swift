/// Type-checks a syntax tree against an `Environment` and resolves names to slots.
///
/// Keeps going after an error so that all problems are reported at once; a
/// subexpression that failed is given type `dyn`, which every operator
/// accepts, so one mistake does not cascade into many.
struct Checker {
    let environment: Environment
    private(set) var diagnostics: [ExpressionDiagnostic] = []
    private(set) var references: [ExpressionReference] = []

    init(environment: Environment) {
        self.environment = environment
    }

    /// The result of checking one node.
    typealias Result = (type: ValueType, node: Checked)

    /// Placeholder for a subexpression that failed to check.
    static let failed: Result = (.dyn, .constant(.null))

    mutating func report(_ message: String, at span: SourceSpan) -> Result {
        diagnostics.append(ExpressionDiagnostic(message: message, span: span))
        return Checker.failed
    }

    mutating func noOverload(_ name: String, _ types: [ValueType], at span: SourceSpan) -> Result {
        let list = types.map(\.description).joined(separator: ", ")
        return report("no matching overload for '\(name)' applied to (\(list))", at: span)
    }

    private mutating func reference(_ variable: String, _ field: String?) {
        let reference = ExpressionReference(variable: variable, field: field)
        if !references.contains(reference) { references.append(reference) }
    }

    mutating func check(_ expression: ExpressionSyntax) -> Result {
        switch expression.kind {
        case .literal(let value):
            return (Checker.literalType(value), .constant(value))
        case .identifier(let name):
            return checkIdentifier(name, span: expression.span)
        case .select(let operand, let field, let fieldSpan):
            return checkSelect(operand, field: field, fieldSpan: fieldSpan)
        case .index(let operand, let index):
            return checkIndex(operand, index, span: expression.span)
        case .call(let function, let receiver, let arguments):
            return checkCall(function, receiver: receiver, arguments: arguments, span: expression.span)
        case .unary(let op, let operand):
            return checkUnary(op, operand, span: expression.span)
        case .binary(let op, let lhs, let rhs):
            return checkBinary(op, lhs, rhs, span: expression.span)
        case .conditional(let condition, let whenTrue, let whenFalse):
            return checkConditional(condition, whenTrue, whenFalse, span: expression.span)
        case .list(let elements):
            let checked = elements.map { check($0) }
            let element = Checker.commonType(checked.map(\.type)) ?? .dyn
            return (.list(element), .list(checked.map(\.node)))
        case .map(let entries):
            return checkMap(entries)
        }
    }

    static func literalType(_ value: Value) -> ValueType {
        switch value {
        case .null: .null
        case .bool: .bool
        case .int: .int
        case .uint: .uint
        case .double: .double
        case .string: .string
        case .bytes: .bytes
        case .list, .map, .error: .dyn
        }
    }

    /// The type all `types` share (dyn-tolerant), or nil when they disagree.
    static func commonType(_ types: [ValueType]) -> ValueType? {
        guard var common = types.first else { return nil }
        for type in types.dropFirst() {
            guard common.accepts(type) else { return nil }
            common = common.joined(with: type)
        }
        return common
    }

    private mutating func checkIdentifier(_ name: String, span: SourceSpan) -> Result {
        switch environment.declarations[name] {
        case .variable(let type, let slot)?:
            reference(name, nil)
            return (type, .slot(slot, name: name))
        case .record(_, let order)?:
            let example = order.first.map { ", e.g. \(name).\($0)" } ?? ""
            return report("'\(name)' can only be used through one of its fields\(example), or in has()", at: span)
        case nil:
            var message = "unknown variable '\(name)'"
            if let suggestion = Spelling.suggestion(for: name, among: environment.names) {
                message += "; did you mean '\(suggestion)'?"
            }
            return report(message, at: span)
        }
    }

    /// Resolves `record.field` to its slot, or reports an unknown field.
    mutating func recordField(_ record: String, _ field: String, fieldSpan: SourceSpan) -> (type: ValueType, slot: Int)? {
        guard case .record(let fields, let order)? = environment.declarations[record] else { return nil }
        guard let declared = fields[field] else {
            var message = "unknown field '\(field)' of \(record)"
            if let suggestion = Spelling.suggestion(for: field, among: order) {
                message += "; did you mean '\(suggestion)'?"
            }
            _ = report(message, at: fieldSpan)
            return nil
        }
        reference(record, field)
        return (declared.type, declared.slot)
    }

    private mutating func checkSelect(_ operand: ExpressionSyntax, field: String, fieldSpan: SourceSpan) -> Result {
        if case .identifier(let name) = operand.kind, case .record? = environment.declarations[name] {
            guard let resolved = recordField(name, field, fieldSpan: fieldSpan) else { return Checker.failed }
            return (resolved.type, .slot(resolved.slot, name: "\(name).\(field)"))
        }
        let base = check(operand)
        switch base.type {
        case .dyn:
            return (.dyn, .select(base.node, field: field))
        case .map(let key, let value) where key.accepts(.string):
            return (value, .select(base.node, field: field))
        default:
            return report("type '\(base.type)' has no field '\(field)'", at: fieldSpan)
        }
    }

    private mutating func checkIndex(_ operand: ExpressionSyntax, _ index: ExpressionSyntax, span: SourceSpan) -> Result {
        let base = check(operand)
        let key = check(index)
        let node = Checked.index(base.node, key.node)
        switch base.type {
        case .dyn:
            return (.dyn, node)
        case .list(let element) where [.int, .uint, .dyn].contains(key.type):
            return (element, node)
        case .map(let keyType, let value) where keyType.accepts(key.type) || (keyType.isNumeric && key.type.isNumeric):
            return (value, node)
        default:
            return noOverload("_[_]", [base.type, key.type], at: span)
        }
    }

    private mutating func checkMap(_ entries: [ExpressionSyntax.MapEntry]) -> Result {
        var keys: [ValueType] = []
        var values: [ValueType] = []
        var nodes: [(key: Checked, value: Checked)] = []
        for entry in entries {
            let key = check(entry.key)
            let value = check(entry.value)
            switch key.type {
            case .bool, .int, .uint, .string, .dyn: break
            default: _ = report("unsupported map key type '\(key.type)'", at: entry.key.span)
            }
            keys.append(key.type)
            values.append(value.type)
            nodes.append((key.node, value.node))
        }
        let type = ValueType.map(Checker.commonType(keys) ?? .dyn, Checker.commonType(values) ?? .dyn)
        return (type, .map(nodes))
    }
}

/// A variable, or a record field, that an expression reads.
public struct ExpressionReference: Sendable, Hashable, CustomStringConvertible {
    public var variable: String
    /// The record field, or nil for a plain variable.
    public var field: String?

    public init(variable: String, field: String? = nil) {
        self.variable = variable
        self.field = field
    }

    /// "answers.x" or "overall".
    public var description: String {
        field.map { "\(variable).\($0)" } ?? variable
    }
}
