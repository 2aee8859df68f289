import RuleExpressions
import Testing

/// References, Spelling, JSON text and Environment slots.
@Suite("Public API")
struct APITests {
    @Test("references list each variable and field once, in order of first appearance")
    func references() throws {
        let compiled = try CompiledExpression(
            "answers.reply_hours > 24.0 && overall < 50.0 || answers.reply_hours > 48.0 || has(client.size)",
            environment: testEnvironment)
        #expect(compiled.references.map(\.description) == ["answers.reply_hours", "overall", "client.size"])
        #expect(compiled.references.first == ExpressionReference(variable: "answers", field: "reply_hours"))
        #expect(compiled.references.dropFirst().first?.field == nil)
    }

    @Test("a constant expression references nothing")
    func noReferences() throws {
        #expect(try CompiledExpression("1 + 2 == 3", environment: testEnvironment).references.isEmpty)
    }

    @Test("Spelling suggests the closest candidate within the distance limit")
    func spelling() {
        #expect(Spelling.suggestion(for: "folowers", among: ["followers", "following"]) == "followers")
        #expect(Spelling.suggestion(for: "Overall", among: ["overall", "coverage"]) == "overall")
        #expect(Spelling.suggestion(for: "scroe", among: ["score"]) == "score")
        #expect(Spelling.suggestion(for: "xyz", among: ["followers"]) == nil)
        #expect(Spelling.suggestion(for: "a", among: [String]()) == nil)
        #expect(Spelling.suggestion(for: "reply_hour", among: ["reply_hours", "reply_days"]) == "reply_hours")
        #expect(Spelling.suggestion(for: "internationalisation", among: ["internationalization"]) == "internationalization")
    }

    @Test("jsonText distinguishes ints from doubles and quotes what JSON cannot spell")
    func jsonText() {
        #expect(Value.int(3).jsonText == "3")
        #expect(Value.double(1).jsonText == "1.0")
        #expect(Value.double(2.5e20).jsonText == "2.5e+20")
        #expect(Value.double(.nan).jsonText == "\"NaN\"")
        #expect(Value.double(-.infinity).jsonText == "\"-Infinity\"")
        #expect(Value.string("a\"b\\c\n\u{1}").jsonText == "\"a\\\"b\\\\c\\n\\u0001\"")
        #expect(Value.list([1, "x", .null, true]).jsonText == "[1,\"x\",null,true]")
        #expect(Value.map(MapValue([(1, "one"), ("k", [2.0])])).jsonText == "{\"1\":\"one\",\"k\":[2.0]}")
        #expect(Value.bytes([104, 105]).jsonText == "\"aGk=\"")
        #expect(Value.error(EvaluationError(message: "division by zero")).jsonText == "{\"error\":\"division by zero\"}")
    }

    @Test("slots are assigned per variable and record field, and redeclaring keeps them")
    func environmentSlots() {
        var environment = Environment()
        environment.declare("overall", .double)
        environment.declareRecord("answers", fields: [("a", .int), ("b", .bool)])
        #expect(environment.slotCount == 3)
        #expect(environment.slot("overall") == 0)
        #expect(environment.slot("answers", field: "b") == 2)
        #expect(environment.slot("answers") == nil)
        #expect(environment.slot("overall", field: "x") == nil)
        environment.declare("overall", .int)
        environment.declareRecord("answers", fields: [("a", .string), ("c", .int)])
        #expect(environment.slotCount == 4)
        #expect(environment.slot("answers", field: "a") == 1)
        #expect(environment.slot("answers", field: "c") == 3)
    }

    @Test("a compiled expression evaluates many activations without recompiling")
    func reusableAcrossActivations() throws {
        var environment = Environment()
        environment.declareRecord("answers", fields: [("a", .int), ("b", .int)])
        let compiled = try CompiledExpression("answers.a >= 3 && answers.b <= 4", environment: environment)
        var activation = Activation(slotCount: environment.slotCount)
        let a = try #require(environment.slot("answers", field: "a"))
        let b = try #require(environment.slot("answers", field: "b"))
        var fired = 0
        for value in Int64(0)..<10 {
            activation[a] = .int(value)
            activation[b] = .int(value)
            if compiled.evaluate(activation) == true { fired += 1 }
        }
        #expect(fired == 2)
        #expect(compiled.source == "answers.a >= 3 && answers.b <= 4")
    }

    @Test("the parser exposes the syntax tree with spans")
    func syntaxTree() throws {
        let tree = try ExpressionParser.parse("a.b + 1")
        guard case .binary("+", let lhs, _) = tree.kind, case .select(_, "b", let fieldSpan) = lhs.kind else {
            Issue.record("unexpected tree \(tree.kind)")
            return
        }
        #expect(fieldSpan.start.column == 3)
        #expect(tree.span.end.offset == 7)
    }
}
