import RuleExpressions
import Testing

/// A variable compared with a constant is compiled to read the slot in place; `dyn(x)` takes the general path.
@Suite("Slot comparisons")
struct SlotComparisonTests {
    static let values: [Value?] = [
        nil, .int(2), .int(3), .int(-3), .uint(3), .double(2.5), .double(3), .double(-0.0), .double(.nan), .double(.infinity),
        .string("b"), .string("e\u{301}"), .string("é"), .string(""), .bool(true), .null, .list([.int(3)]),
    ]
    static let constants = ["3", "-3", "2.5", "0.0", "-0.0", "\"b\"", "\"é\"", "\"\"", "true", "3u"]

    @Test("a variable compared with a constant gives what the general comparison gives")
    func sameAsGeneral() throws {
        var compared = 0
        for op in ["<", "<=", ">", ">=", "==", "!="] {
            for constant in Self.constants {
                guard let fast = try? CompiledExpression("x \(op) \(constant)", environment: testEnvironment),
                    let general = try? CompiledExpression("dyn(x) \(op) \(constant)", environment: testEnvironment)
                else { continue }
                for value in Self.values {
                    var activation = Activation(slotCount: testEnvironment.slotCount)
                    if let value, let slot = testEnvironment.slot("x") { activation[slot] = value }
                    let got = fast.evaluate(activation)
                    let expected = general.evaluate(activation)
                    #expect(sameValue(got, expected), "x \(op) \(constant) with x = \(String(describing: value)): \(got), not \(expected)")
                    compared += 1
                }
            }
        }
        #expect(compared >= 500)
    }
}
