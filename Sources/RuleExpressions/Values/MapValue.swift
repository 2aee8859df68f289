/// A CEL map: insertion-ordered entries with keys of type bool, int, uint or string.
///
/// Lookups normalise numeric keys, so `{1: 'a'}[1u]` and `{1: 'a'}[1.0]` find
/// the entry, as CEL's heterogeneous equality requires.
public struct MapValue: Sendable, Hashable {
    /// The entries in the order they were added.
    public private(set) var entries: [(key: Value, value: Value)] = []
    private var positions: [Key: Int] = [:]

    public init() {}

    /// Builds a map, keeping the last value of a repeated key.
    /// Keys that cannot be map keys (lists, doubles with fractions, ...) are skipped.
    public init(_ entries: [(key: Value, value: Value)]) {
        for entry in entries {
            _ = insert(entry.value, for: entry.key)
        }
    }

    public var count: Int { entries.count }

    /// The value stored under `key`, or nil when absent.
    public subscript(key: Value) -> Value? {
        guard let key = Key(key), let position = positions[key] else { return nil }
        return entries[position].value
    }

    /// Adds or replaces an entry; returns false if `key` is not a valid map key.
    @discardableResult
    public mutating func insert(_ value: Value, for key: Value) -> Bool {
        guard let normalized = Key(key) else { return false }
        if let position = positions[normalized] {
            entries[position].value = value
        } else {
            positions[normalized] = entries.count
            entries.append((key, value))
        }
        return true
    }

    /// Whether `key` is present (with numeric normalisation).
    public func contains(_ key: Value) -> Bool {
        guard let key = Key(key) else { return false }
        return positions[key] != nil
    }

    /// Order-independent equality: the same keys with structurally equal values.
    public static func == (lhs: MapValue, rhs: MapValue) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for (key, value) in lhs.entries where rhs[key] != value {
            return false
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        // Order-independent so that equal maps hash alike.
        var combined = 0
        for (key, _) in entries {
            combined ^= Key(key).hashValue
        }
        hasher.combine(count)
        hasher.combine(combined)
    }

    /// A key with numbers folded together: int and uint and integral doubles
    /// of the same magnitude are one key.
    enum Key: Hashable {
        case bool(Bool)
        case signed(Int64)
        /// Only for values above Int64.max, so each number has one spelling.
        case unsigned(UInt64)
        case string(String)

        init?(_ value: Value) {
            switch value {
            case .bool(let b): self = .bool(b)
            case .int(let i): self = .signed(i)
            case .uint(let u): self = u <= UInt64(Int64.max) ? .signed(Int64(u)) : .unsigned(u)
            case .double(let d):
                // Range checks first: the conversions trap outside them. Not
                // `init(exactly:)`, which needs libm's trunc at link time.
                if d >= -9.223372036854775808e18, d < 9.223372036854775808e18, Double(Int64(d)) == d {
                    self = .signed(Int64(d))
                } else if d >= 0, d < 1.8446744073709551616e19, Double(UInt64(d)) == d {
                    self = .unsigned(UInt64(d))
                } else {
                    return nil
                }
            case .string(let s): self = .string(s)
            default: return nil
            }
        }
    }
}
