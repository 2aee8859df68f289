/// The commonest rule shape, a variable compared with a constant (`answers.x >= 3`, `overall < 35.0`,
/// `answers.y == "weekly"`): the slot is read and compared in place when it holds a value of the constant's
/// type, and everything else takes the general path, so the results are the general path's.
extension Compiler {
    static func slotVersusConstant(_ op: BinaryOperator, slot: Int, name: String, _ constant: Value) -> Compiled? {
        // Each case is written out, so that evaluating makes one call, not one more per comparison.
        let unset = Value.failure("no such key: \(name)")
        switch constant {
        case .int(let number):
            let test = orderTest(op, Int64.self)
            return Compiled(
                evaluate: { activation in
                    guard let value = activation[slot] else { return unset }
                    if case .int(let x) = value { return .bool(test(x, number)) }
                    return Operations.binary(op, value, constant)
                }, constant: nil)
        case .double(let number):
            // IEEE comparisons give what CEL's ordering gives: false for NaN, except that NaN != x.
            let test = orderTest(op, Double.self)
            return Compiled(
                evaluate: { activation in
                    guard let value = activation[slot] else { return unset }
                    if case .double(let x) = value { return .bool(test(x, number)) }
                    return Operations.binary(op, value, constant)
                }, constant: nil)
        case .string(let text) where op == .equal || op == .notEqual:
            // Code point equality, as CEL's; not Swift's canonical equivalence.
            let equal = op == .equal
            return Compiled(
                evaluate: { activation in
                    guard let value = activation[slot] else { return unset }
                    if case .string(let x) = value { return .bool(x.utf8.elementsEqual(text.utf8) == equal) }
                    return Operations.binary(op, value, constant)
                }, constant: nil)
        default:
            return nil
        }
    }

    static func orderTest<Number: Comparable>(_ op: BinaryOperator, _: Number.Type) -> @Sendable (Number, Number) -> Bool {
        switch op {
        case .less: { $0 < $1 }
        case .lessOrEqual: { $0 <= $1 }
        case .greater: { $0 > $1 }
        case .greaterOrEqual: { $0 >= $1 }
        case .notEqual: { $0 != $1 }
        default: { $0 == $1 }
        }
    }
}
