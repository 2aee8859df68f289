/// A run-time value.
///
/// Errors are values, as in CEL: an `.error` flows through operators until
/// something absorbs it (`false && error`) or it becomes the result, so
/// evaluation never throws and never traps.
public enum Value: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case double(Double)
    case string(String)
    case bytes([UInt8])
    case list([Value])
    /// Insertion-ordered; keys are bool, int, uint or string.
    case map(MapValue)
    case error(EvaluationError)

    /// The CEL type name of this value, for error messages.
    public var typeName: String {
        switch self {
        case .null: "null_type"
        case .bool: "bool"
        case .int: "int"
        case .uint: "uint"
        case .double: "double"
        case .string: "string"
        case .bytes: "bytes"
        case .list: "list"
        case .map: "map"
        case .error: "error"
        }
    }

    /// The error carried, if this is an error value.
    public var evaluationError: EvaluationError? {
        if case .error(let error) = self { return error }
        return nil
    }

    /// Shorthand for an error value with `message`.
    static func failure(_ message: String) -> Value {
        .error(EvaluationError(message: message))
    }
}

/// Why an evaluation produced no value: "division by zero", "no such key: x".
public struct EvaluationError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(message: String) {
        self.message = message
    }

    public var description: String { message }
}

extension Value: ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByNilLiteral
{
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(nilLiteral: ()) { self = .null }
}

extension Value: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: Value...) { self = .list(elements) }
}
