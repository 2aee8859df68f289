/// The run-time meaning of operators and functions, on values.
///
/// Every function here is total: a wrong operand type, an overflow or a
/// missing key becomes an `.error` value, never a trap. Statically typed
/// expressions only reach the error branches through `dyn`.
enum Operations {
    static let overflow = Value.failure("integer overflow")

    static func noOverload(_ name: String, _ operands: Value...) -> Value {
        let types = operands.map(\.typeName).joined(separator: ", ")
        return .failure("no such overload for '\(name)' applied to (\(types))")
    }

    static func binary(_ op: BinaryOperator, _ a: Value, _ b: Value) -> Value {
        switch op {
        case .add: add(a, b)
        case .subtract: subtract(a, b)
        case .multiply: multiply(a, b)
        case .divide: divide(a, b)
        case .remainder: remainder(a, b)
        case .less, .lessOrEqual, .greater, .greaterOrEqual: compare(op, a, b)
        case .equal: equals(a, b)
        case .notEqual: notEquals(a, b)
        case .in: contains(collection: b, element: a)
        }
    }

    static func add(_ a: Value, _ b: Value) -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)): return checked(x.addingReportingOverflow(y))
        case (.uint(let x), .uint(let y)): return checked(x.addingReportingOverflow(y))
        case (.double(let x), .double(let y)): return .double(x + y)
        case (.string(let x), .string(let y)): return .string(x + y)
        case (.bytes(let x), .bytes(let y)): return .bytes(x + y)
        case (.list(let x), .list(let y)): return .list(x + y)
        case (.error, _): return a
        case (_, .error): return b
        default: return noOverload("_+_", a, b)
        }
    }

    static func subtract(_ a: Value, _ b: Value) -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)): return checked(x.subtractingReportingOverflow(y))
        case (.uint(let x), .uint(let y)): return checked(x.subtractingReportingOverflow(y))
        case (.double(let x), .double(let y)): return .double(x - y)
        case (.error, _): return a
        case (_, .error): return b
        default: return noOverload("_-_", a, b)
        }
    }

    static func multiply(_ a: Value, _ b: Value) -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)): return checked(x.multipliedReportingOverflow(by: y))
        case (.uint(let x), .uint(let y)): return checked(x.multipliedReportingOverflow(by: y))
        case (.double(let x), .double(let y)): return .double(x * y)
        case (.error, _): return a
        case (_, .error): return b
        default: return noOverload("_*_", a, b)
        }
    }

    static func divide(_ a: Value, _ b: Value) -> Value {
        switch (a, b) {
        case (.int(_), .int(0)), (.uint(_), .uint(0)): return .failure("division by zero")
        case (.int(let x), .int(let y)): return checked(x.dividedReportingOverflow(by: y))
        case (.uint(let x), .uint(let y)): return checked(x.dividedReportingOverflow(by: y))
        case (.double(let x), .double(let y)): return .double(x / y)
        case (.error, _): return a
        case (_, .error): return b
        default: return noOverload("_/_", a, b)
        }
    }

    static func remainder(_ a: Value, _ b: Value) -> Value {
        switch (a, b) {
        case (.int(_), .int(0)), (.uint(_), .uint(0)): return .failure("modulus by zero")
        case (.int(let x), .int(let y)): return checked(x.remainderReportingOverflow(dividingBy: y))
        case (.uint(let x), .uint(let y)): return checked(x.remainderReportingOverflow(dividingBy: y))
        case (.error, _): return a
        case (_, .error): return b
        default: return noOverload("_%_", a, b)
        }
    }

    static func negate(_ a: Value) -> Value {
        switch a {
        case .int(let x): return x == .min ? overflow : .int(-x)
        case .double(let x): return .double(-x)
        case .error: return a
        default: return noOverload("-_", a)
        }
    }

    static func not(_ a: Value) -> Value {
        switch a {
        case .bool(let x): return .bool(!x)
        case .error: return a
        default: return noOverload("!_", a)
        }
    }

    private static func checked(_ result: (partialValue: Int64, overflow: Bool)) -> Value {
        result.overflow ? overflow : .int(result.partialValue)
    }

    private static func checked(_ result: (partialValue: UInt64, overflow: Bool)) -> Value {
        result.overflow ? overflow : .uint(result.partialValue)
    }
}
