import RuleExpressions
import Testing

/// The data table: each row compiles an expression, evaluates it once and
/// compares with the expected value, error fragment or compile error.
@Suite("Evaluation table")
struct EvaluationTableTests {
    @Test("the table has enough rows to cover the language")
    func tableIsLarge() {
        #expect(allCases.count >= 250)
    }

    @Test("expression evaluates as the table says", arguments: allCases)
    func evaluatesAsTabled(_ row: Case) {
        let compiled: CompiledExpression
        do {
            compiled = try CompiledExpression(row.expression, environment: testEnvironment)
        } catch {
            guard case .compileError(let fragment) = row.expected else {
                Issue.record("unexpected compile error: \(error)")
                return
            }
            #expect(error.diagnostics.contains { $0.message.contains(fragment) }, "\(error)")
            return
        }
        let result = compiled.evaluate(Activation(testEnvironment, row.bindings))
        switch row.expected {
        case .value(let expected):
            #expect(sameValue(result, expected), "got \(result), expected \(expected)")
        case .evaluationError(let fragment):
            #expect(result.evaluationError?.message.contains(fragment) == true, "got \(result)")
        case .compileError(let fragment):
            Issue.record("compiled, but expected a compile error containing '\(fragment)'; evaluated to \(result)")
        }
    }
}
