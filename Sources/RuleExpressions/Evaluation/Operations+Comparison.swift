/// Equality and ordering, including CEL's comparisons across int, uint and
/// double, which are exact (no rounding through double).
extension Operations {
    enum Ordering {
        case less, equal, greater
        /// A NaN was involved: every ordering comparison is false.
        case unordered
        /// The values have no ordering between them (e.g. int and string).
        case mismatch
    }

    static func compare(_ op: BinaryOperator, _ a: Value, _ b: Value) -> Value {
        if case .error = a { return a }
        if case .error = b { return b }
        let result: Bool
        switch order(a, b) {
        case .less: result = op == .less || op == .lessOrEqual
        case .equal: result = op == .lessOrEqual || op == .greaterOrEqual
        case .greater: result = op == .greater || op == .greaterOrEqual
        case .unordered: result = false
        case .mismatch: return noOverload(op.celName, a, b)
        }
        return .bool(result)
    }

    static func order(_ a: Value, _ b: Value) -> Ordering {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x < y ? .less : x == y ? .equal : .greater
        case (.uint(let x), .uint(let y)): return x < y ? .less : x == y ? .equal : .greater
        case (.double(let x), .double(let y)):
            if x.isNaN || y.isNaN { return .unordered }
            return x < y ? .less : x == y ? .equal : .greater
        case (.int(let x), .uint(let y)): return x < 0 ? .less : order(.uint(UInt64(x)), .uint(y))
        case (.uint, .int): return flipped(order(b, a))
        case (.int(let x), .double(let y)): return order(int: x, double: y)
        case (.double, .int): return flipped(order(b, a))
        case (.uint(let x), .double(let y)): return order(uint: x, double: y)
        case (.double, .uint): return flipped(order(b, a))
        case (.string(let x), .string(let y)):
            // Code point order (UTF-8 byte order is the same), not Swift's
            // canonical-equivalence order.
            if x.utf8.elementsEqual(y.utf8) { return .equal }
            return x.utf8.lexicographicallyPrecedes(y.utf8) ? .less : .greater
        case (.bytes(let x), .bytes(let y)):
            if x == y { return .equal }
            return x.lexicographicallyPrecedes(y) ? .less : .greater
        case (.bool(let x), .bool(let y)): return x == y ? .equal : (!x && y) ? .less : .greater
        default: return .mismatch
        }
    }

    private static func flipped(_ ordering: Ordering) -> Ordering {
        switch ordering {
        case .less: .greater
        case .greater: .less
        default: ordering
        }
    }

    /// Exact comparison: truncate the double to an integer, compare that,
    /// and let the fraction break a tie.
    private static func order(int x: Int64, double y: Double) -> Ordering {
        if y.isNaN { return .unordered }
        if y >= 9.223372036854775808e18 { return .less }
        if y < -9.223372036854775808e18 { return .greater }
        // Int64(_:) truncates toward zero without libm's trunc, which a
        // standard-library-only target does not link.
        let truncated = Int64(y)
        let whole = Double(truncated)
        if x != truncated { return x < truncated ? .less : .greater }
        return y > whole ? .less : y < whole ? .greater : .equal
    }

    private static func order(uint x: UInt64, double y: Double) -> Ordering {
        if y.isNaN { return .unordered }
        if y >= 1.8446744073709551616e19 { return .less }
        if y < 0 { return .greater }
        let truncated = UInt64(y)
        let whole = Double(truncated)
        if x != truncated { return x < truncated ? .less : .greater }
        return y > whole ? .less : .equal
    }

    static func equals(_ a: Value, _ b: Value) -> Value {
        if case .error = a { return a }
        if case .error = b { return b }
        return .bool(equal(a, b))
    }

    static func notEquals(_ a: Value, _ b: Value) -> Value {
        if case .error = a { return a }
        if case .error = b { return b }
        return .bool(!equal(a, b))
    }

    /// CEL heterogeneous equality: numbers compare by value across types,
    /// NaN equals nothing, other values of different types are unequal.
    static func equal(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.list(let x), .list(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        case (.map(let x), .map(let y)):
            guard x.count == y.count else { return false }
            for (key, value) in x.entries {
                guard let other = y[key], equal(value, other) else { return false }
            }
            return true
        default:
            return order(a, b) == .equal
        }
    }

    static func contains(collection: Value, element: Value) -> Value {
        if case .error = element { return element }
        switch collection {
        case .list(let elements): return .bool(elements.contains { equal($0, element) })
        case .map(let map): return .bool(map.contains(element))
        case .error: return collection
        default: return noOverload("@in", element, collection)
        }
    }
}
