@testable import Assessment
import Testing
import TestSupport

/// A plain scalar's meaning: the special words, integers, floats, and everything else as text.
@Suite("Plain scalars")
struct ScalarValueTests {
    @Test("numbers, special words and texts are read as the YAML core schema reads them")
    func knownScalars() {
        let expected: [(String, ScalarValue)] = [
            ("12", .int(12)), ("-3", .int(-3)), ("+7", .int(7)), ("007", .int(7)),
            ("1.5", .double(1.5)), (".5", .double(0.5)), ("1.", .double(1)), ("-2.25", .double(-2.25)),
            ("1e3", .double(1000)), ("1E+3", .double(1000)), ("1.5e-2", .double(0.015)), ("+.5E2", .double(50)),
            ("99999999999999999999", .double(1e20)),
            ("", .null), ("~", .null), ("null", .null), ("NULL", .null),
            ("true", .bool(true)), ("False", .bool(false)), (".inf", .double(.infinity)), ("-.Inf", .double(-.infinity)),
            ("e3", .string("e3")), ("1e", .string("1e")), ("1e+", .string("1e+")), (".", .string(".")),
            ("1.2.3", .string("1.2.3")), ("2026-01-01", .string("2026-01-01")), ("12 apples", .string("12 apples")),
            ("-", .string("-")), ("+", .string("+")), ("0x1F", .string("0x1F")), ("Rosa's Bakery", .string("Rosa's Bakery")),
            ("٣", .string("٣")), ("1\u{301}", .string("1\u{301}")), ("yes", .string("yes")),
        ]
        for (text, value) in expected {
            #expect(ScalarValue(plain: text) == value, "\(text)")
        }
        guard case .double(let nan) = ScalarValue(plain: ".nan") else { return #expect(Bool(false), ".nan is a double") }
        #expect(nan.isNaN)
    }

    @Test("a text is a number exactly when the core schema's patterns match it")
    func numbersMatchTheCoreSchemaPatterns() throws {
        let integer = try Regex("[-+]?[0-9]+").matchingSemantics(.unicodeScalar)
        let float = try Regex("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?").matchingSemantics(.unicodeScalar)
        var generator = TestSupport.SplitMix64(seed: 7)
        let alphabet = ["0", "1", "9", ".", "e", "E", "+", "-", "x", " ", "\u{301}", "٣"]
        var numbers = 0
        for _ in 0..<30_000 {
            let length = Int.random(in: 1...7, using: &generator)
            let text = (0..<length).map { _ in alphabet.randomElement(using: &generator) ?? "" }.joined()
            let isNumber: Bool
            switch ScalarValue(plain: text) {
            case .int, .double: isNumber = true
            default: isNumber = false
            }
            let matches = text.wholeMatch(of: integer) != nil || text.wholeMatch(of: float) != nil
            #expect(isNumber == matches, "\(text)")
            if isNumber { numbers += 1 }
        }
        #expect(numbers > 500, "some of the texts must be numbers")
    }
}
