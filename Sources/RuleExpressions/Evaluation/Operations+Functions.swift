/// The builtin functions: size, string tests, regular expressions, conversions.
extension Operations {
    static func call(_ builtin: Builtin, _ arguments: [Value]) -> Value {
        for argument in arguments {
            if case .error = argument { return argument }
        }
        switch (builtin, arguments.count) {
        case (.size, 1): return size(arguments[0])
        case (.contains, 2), (.startsWith, 2), (.endsWith, 2), (.matches, 2):
            guard case .string(let s) = arguments[0], case .string(let t) = arguments[1] else {
                return noOverload(builtin.rawValue, arguments[0], arguments[1])
            }
            switch builtin {
            case .contains: return .bool(utf8Contains(s, t))
            case .startsWith: return .bool(s.utf8.starts(with: t.utf8))
            case .endsWith: return .bool(s.utf8.reversed().starts(with: t.utf8.reversed()))
            default: return matches(s, pattern: t)
            }
        case (.int, 1): return toInt(arguments[0])
        case (.uint, 1): return toUInt(arguments[0])
        case (.double, 1): return toDouble(arguments[0])
        case (.string, 1): return toString(arguments[0])
        case (.bool, 1): return toBool(arguments[0])
        case (.bytes, 1): return toBytes(arguments[0])
        case (.dyn, 1): return arguments[0]
        default: return .failure("no such overload for '\(builtin.rawValue)'")
        }
    }

    static func size(_ value: Value) -> Value {
        switch value {
        case .string(let s): .int(Int64(s.unicodeScalars.count))
        case .bytes(let b): .int(Int64(b.count))
        case .list(let l): .int(Int64(l.count))
        case .map(let m): .int(Int64(m.count))
        case .error: value
        default: noOverload("size", value)
        }
    }

    /// Substring search on UTF-8, which matches code points exactly (UTF-8 is
    /// self-synchronising), unlike Swift's grapheme-aware `contains`.
    private static func utf8Contains(_ haystack: String, _ needle: String) -> Bool {
        let h = Array(haystack.utf8)
        let n = Array(needle.utf8)
        if n.isEmpty { return true }
        if n.count > h.count { return false }
        for start in 0...(h.count - n.count) where h[start] == n[0] {
            if h[start..<(start + n.count)].elementsEqual(n) { return true }
        }
        return false
    }

    /// Unanchored search, as RE2 (CEL's reference) does. Callers set
    /// `.unicodeScalar` semantics so `.` matches a code point, as in RE2,
    /// rather than a grapheme cluster.
    static func matches(_ s: String, regex: Regex<AnyRegexOutput>) -> Value {
        do {
            return .bool(try regex.firstMatch(in: s) != nil)
        } catch {
            return .failure("regular expression failed: \(error)")
        }
    }

    static func matches(_ s: String, pattern: String) -> Value {
        guard let regex = try? Regex(pattern) else {
            return .failure("invalid regular expression '\(pattern)'")
        }
        return matches(s, regex: regex.matchingSemantics(.unicodeScalar))
    }

    static let rangeError = Value.failure("range error")

    static func toInt(_ value: Value) -> Value {
        switch value {
        case .int: return value
        case .uint(let u): return u <= UInt64(Int64.max) ? .int(Int64(u)) : rangeError
        case .double(let d):
            // Both ends exclusive: -2^63 as a double is refused, as cel-go does.
            guard d > -9.223372036854775808e18, d < 9.223372036854775808e18 else { return rangeError }
            return .int(Int64(d))  // truncates toward zero
        case .string(let s): return Int64(s).map(Value.int) ?? .failure("cannot convert string '\(s)' to int")
        default: return noOverload("int", value)
        }
    }

    static func toUInt(_ value: Value) -> Value {
        switch value {
        case .uint: return value
        case .int(let i): return i >= 0 ? .uint(UInt64(i)) : rangeError
        case .double(let d):
            guard d >= 0, d < 1.8446744073709551616e19 else { return rangeError }
            return .uint(UInt64(d))
        case .string(let s): return UInt64(s).map(Value.uint) ?? .failure("cannot convert string '\(s)' to uint")
        default: return noOverload("uint", value)
        }
    }

    static func toDouble(_ value: Value) -> Value {
        switch value {
        case .double: return value
        case .int(let i): return .double(Double(i))
        case .uint(let u): return .double(Double(u))
        case .string(let s): return Double(s).map(Value.double) ?? .failure("cannot convert string '\(s)' to double")
        default: return noOverload("double", value)
        }
    }

    static func toString(_ value: Value) -> Value {
        switch value {
        case .string: return value
        case .int(let i): return .string(String(i))
        case .uint(let u): return .string(String(u))
        case .double(let d): return .string(format(d))
        case .bool(let b): return .string(b ? "true" : "false")
        case .bytes(let b):
            guard let s = String(validating: b, as: UTF8.self) else { return .failure("invalid UTF-8 in bytes") }
            return .string(s)
        default: return noOverload("string", value)
        }
    }

    /// The shortest round-tripping form without a redundant ".0" (so
    /// string(2.0) is "2", as in cel-go); exponents as Swift writes them.
    static func format(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
        let text = d.description
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    static func toBool(_ value: Value) -> Value {
        switch value {
        case .bool: return value
        case .string(let s):
            switch s {
            case "1", "t", "true", "TRUE", "True": return .bool(true)
            case "0", "f", "false", "FALSE", "False": return .bool(false)
            default: return .failure("cannot convert string '\(s)' to bool")
            }
        default: return noOverload("bool", value)
        }
    }

    static func toBytes(_ value: Value) -> Value {
        switch value {
        case .bytes: value
        case .string(let s): .bytes(Array(s.utf8))
        default: noOverload("bytes", value)
        }
    }
}
