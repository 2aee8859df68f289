/// The static type of an expression or a declared variable.
public indirect enum ValueType: Sendable, Hashable, CustomStringConvertible {
    case null, bool, int, uint, double, string, bytes
    /// Checked only at run time: anything may flow through it.
    case dyn
    case list(ValueType)
    case map(ValueType, ValueType)
    /// A declared record variable (see `Environment.declareRecord`); usable
    /// only through field selection and `has()`, since it has no value of its own.
    case record(String)

    /// The CEL spelling, as used in diagnostics: "int", "list(string)", "map(string, int)".
    public var description: String {
        switch self {
        case .null: "null_type"
        case .bool: "bool"
        case .int: "int"
        case .uint: "uint"
        case .double: "double"
        case .string: "string"
        case .bytes: "bytes"
        case .dyn: "dyn"
        case .list(let element): "list(\(element))"
        case .map(let key, let value): "map(\(key), \(value))"
        case .record(let name): name
        }
    }

    /// True for int, uint and double, which compare with each other.
    var isNumeric: Bool {
        switch self {
        case .int, .uint, .double: true
        default: false
        }
    }

    /// Whether a value of type `other` may stand where `self` is expected.
    ///
    /// `dyn` on either side is accepted (the run time checks); containers are
    /// compared element by element, so `list(dyn)` accepts `list(int)`.
    func accepts(_ other: ValueType) -> Bool {
        switch (self, other) {
        case (.dyn, _), (_, .dyn): true
        case (.list(let a), .list(let b)): a.accepts(b)
        case (.map(let k1, let v1), .map(let k2, let v2)): k1.accepts(k2) && v1.accepts(v2)
        default: self == other
        }
    }

    /// The more specific of two mutually acceptable types (the non-dyn one).
    func joined(with other: ValueType) -> ValueType {
        switch (self, other) {
        case (.dyn, _), (_, .dyn): .dyn
        case (.list(let a), .list(let b)): .list(a.joined(with: b))
        case (.map(let k1, let v1), .map(let k2, let v2)): .map(k1.joined(with: k2), v1.joined(with: v2))
        default: self
        }
    }
}
