/// Indexing, field selection and presence tests.
extension Operations {
    static func index(_ container: Value, _ key: Value) -> Value {
        if case .error = container { return container }
        if case .error = key { return key }
        switch (container, key) {
        case (.list(let elements), .int(let i)):
            return i >= 0 && i < elements.count ? elements[Int(i)] : .failure("index out of range: \(i)")
        case (.list(let elements), .uint(let u)):
            return u < elements.count ? elements[Int(u)] : .failure("index out of range: \(u)")
        case (.map(let map), _):
            return map[key] ?? .failure("no such key: \(keyText(key))")
        default:
            return noOverload("_[_]", container, key)
        }
    }

    static func select(_ container: Value, field: String) -> Value {
        switch container {
        case .map(let map): return map[.string(field)] ?? .failure("no such key: \(field)")
        case .error: return container
        default: return .failure("type '\(container.typeName)' has no field '\(field)'")
        }
    }

    static func hasKey(_ container: Value, field: String) -> Value {
        switch container {
        case .map(let map): return .bool(map.contains(.string(field)))
        case .error: return container
        default: return .failure("has() needs a map; found '\(container.typeName)'")
        }
    }

    /// Strings as written in the error, everything else as its literal.
    private static func keyText(_ key: Value) -> String {
        if case .string(let s) = key { return s }
        return key.description
    }

    /// Builds a list, or returns the first element that is an error.
    static func makeList(_ elements: [Value]) -> Value {
        for element in elements {
            if case .error = element { return element }
        }
        return .list(elements)
    }

    /// Builds a map; repeated keys and keys of unsupported types are errors.
    static func makeMap(_ entries: [(key: Value, value: Value)]) -> Value {
        var map = MapValue()
        for (key, value) in entries {
            if case .error = key { return key }
            if case .error = value { return value }
            if map.contains(key) { return .failure("repeated map key: \(keyText(key))") }
            switch key {
            case .bool, .int, .uint, .string: map.insert(value, for: key)
            default: return .failure("unsupported map key type '\(key.typeName)'")
            }
        }
        return .map(map)
    }
}
