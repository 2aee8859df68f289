/// The names an expression may use, with their types, and the slot layout of
/// an `Activation`.
///
/// Names are resolved to slot numbers when an expression is compiled, so
/// evaluation indexes an array instead of hashing strings.
public struct Environment: Sendable {
    /// What a top-level name stands for.
    enum Declaration: Sendable {
        case variable(type: ValueType, slot: Int)
        case record(fields: [String: Field], order: [String])
    }

    struct Field: Sendable {
        var type: ValueType
        var slot: Int
    }

    private(set) var declarations: [String: Declaration] = [:]
    /// Declaration order, for deterministic did-you-mean suggestions.
    private(set) var names: [String] = []
    public private(set) var slotCount: Int = 0

    public init() {}

    /// Declares a plain variable, e.g. "overall": .double, or .dyn for a value
    /// whose type is only known at run time. Declaring a name again replaces
    /// its type and keeps its slot when it was a plain variable.
    public mutating func declare(_ name: String, _ type: ValueType) {
        if case .variable(_, let slot) = declarations[name] {
            declarations[name] = .variable(type: type, slot: slot)
            return
        }
        if declarations[name] == nil { names.append(name) }
        declarations[name] = .variable(type: type, slot: nextSlot())
    }

    /// Declares a record variable with named fields, e.g. "answers" with one
    /// field per question id. Declaring the same record again adds fields and
    /// retypes existing ones (keeping their slots).
    public mutating func declareRecord(_ name: String, fields: [(name: String, type: ValueType)]) {
        var existing: [String: Field] = [:]
        var order: [String] = []
        if case .record(let known, let knownOrder) = declarations[name] {
            existing = known
            order = knownOrder
        } else if declarations[name] == nil {
            names.append(name)
        }
        for field in fields {
            if let known = existing[field.name] {
                existing[field.name] = Field(type: field.type, slot: known.slot)
            } else {
                existing[field.name] = Field(type: field.type, slot: nextSlot())
                order.append(field.name)
            }
        }
        declarations[name] = .record(fields: existing, order: order)
    }

    /// The activation slot of a plain variable (`field` nil) or of a record field.
    public func slot(_ variable: String, field: String? = nil) -> Int? {
        switch (declarations[variable], field) {
        case (.variable(_, let slot), nil): slot
        case (.record(let fields, _), let field?): fields[field]?.slot
        default: nil
        }
    }

    /// The declared type of a plain variable or record field.
    public func type(of variable: String, field: String? = nil) -> ValueType? {
        switch (declarations[variable], field) {
        case (.variable(let type, _), nil): type
        case (.record(let fields, _), let field?): fields[field]?.type
        case (.record, nil): .record(variable)
        default: nil
        }
    }

    private mutating func nextSlot() -> Int {
        defer { slotCount += 1 }
        return slotCount
    }
}

/// The values for one evaluation: one optional `Value` per slot of an `Environment`.
///
/// nil means unset: reading it gives the error value "no such key: answers.x"
/// and `has(answers.x)` is false. A slot outside the range reads as unset, so a
/// too-small activation cannot make evaluation trap.
public struct Activation: Sendable {
    var values: [Value?]

    public init(slotCount: Int) {
        values = Array(repeating: nil, count: max(0, slotCount))
    }

    /// Fills slots by name: keys are "name" for plain variables and
    /// "name.field" for record fields. Unknown names are ignored.
    public init(_ environment: Environment, _ bindings: [String: Value]) {
        self.init(slotCount: environment.slotCount)
        for (name, value) in bindings {
            let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
            guard let variable = parts.first else { continue }
            if let slot = environment.slot(variable, field: parts.count > 1 ? parts[1] : nil) {
                values[slot] = value
            }
        }
    }

    public subscript(slot: Int) -> Value? {
        get { slot >= 0 && slot < values.count ? values[slot] : nil }
        set {
            guard slot >= 0 else { return }
            if slot >= values.count {
                values.append(contentsOf: repeatElement(nil, count: slot - values.count + 1))
            }
            values[slot] = newValue
        }
    }
}
