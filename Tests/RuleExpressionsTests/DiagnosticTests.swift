import RuleExpressions
import Testing

/// Diagnostics point at the right place and say something useful.
@Suite("Diagnostics")
struct DiagnosticTests {
    @Test("an unknown field points at the field name and suggests the close one")
    func unknownFieldSpanAndSuggestion() throws {
        let found = try #require(diagnostics("answers.a >= 3 && answers.folowers > 2"))
        let diagnostic = try #require(found.first)
        #expect(found.count == 1)
        #expect(diagnostic.message == "unknown field 'folowers' of answers; did you mean 'followers'?")
        #expect(diagnostic.span.start == SourcePosition(offset: 26, line: 1, column: 27))
        #expect(diagnostic.span.end.column == 35)
    }

    @Test("a diagnostic on a later line reports that line and its column")
    func lineAndColumnOnLaterLine() throws {
        let found = try #require(diagnostics("answers.a >= 3 &&\n  answers.flag == 3"))
        let diagnostic = try #require(found.first)
        #expect(diagnostic.message == "no matching overload for '_==_' applied to (bool, int)")
        #expect(diagnostic.span.start.line == 2)
        #expect(diagnostic.span.start.column == 3)
    }

    @Test("columns count Unicode scalars, not bytes or UTF-16 units")
    func columnsCountScalars() throws {
        let found = try #require(diagnostics("'héllo😀' + nope"))
        #expect(found.first?.span.start.column == 12)
        #expect(found.first?.span.start.offset == 11)
    }

    @Test("comparing a string with an int is a type error")
    func stringVersusInt() throws {
        let found = try #require(diagnostics("answers.name == 3"))
        #expect(found.map(\.message) == ["no matching overload for '_==_' applied to (string, int)"])
        #expect(try CompiledExpression("answers.name + 'x'", environment: testEnvironment).resultType == .string)
    }

    @Test("every type error is reported, not just the first")
    func allTypeErrorsReported() throws {
        let found = try #require(diagnostics("answers.flag == 3 || answers.nme == 'x' || ovrall > 1.0"))
        #expect(found.count == 3)
        #expect(found[1].message.contains("did you mean 'name'?"))
        #expect(found[2].message.contains("did you mean 'overall'?"))
        #expect(found.map(\.span.start.column) == [1, 30, 44])
    }

    @Test("an unclosed parenthesis says which bracket it expected, at the end")
    func unclosedParenthesis() throws {
        let found = try #require(diagnostics("(1 + 2"))
        #expect(found.first?.message == "expected ')' to close '('")
        #expect(found.first?.span.start.column == 7)
    }

    @Test("an unterminated string points at its opening quote")
    func unterminatedString() throws {
        let found = try #require(diagnostics("1 + 'abc"))
        #expect(found.first?.message == "unterminated string literal")
        #expect(found.first?.span.start.column == 5)
    }

    @Test("result types are reported so a loader can require bool")
    func resultTypes() throws {
        func type(_ source: String) throws -> ValueType {
            try CompiledExpression(source, environment: testEnvironment).resultType
        }
        #expect(try type("answers.a > 1") == .bool)
        #expect(try type("answers.a + 1") == .int)
        #expect(try type("[1, 2]") == .list(.int))
        #expect(try type("{'a': 1.5}") == .map(.string, .double))
        #expect(try type("x + 1") == .int)
        #expect(try type("x + y") == .dyn)
        #expect(try type("true ? x : 1") == .dyn)
        #expect(ValueType.map(.string, .list(.int)).description == "map(string, list(int))")
    }
}
