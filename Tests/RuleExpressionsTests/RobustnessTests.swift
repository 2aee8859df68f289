import TestSupport
import RuleExpressions
import Testing

/// Hostile input produces diagnostics or error values, never a crash.
@Suite("Robustness")
struct RobustnessTests {
    @Test("200 nested parentheses are refused with a diagnostic, not a stack overflow")
    func deepParentheses() throws {
        let source = String(repeating: "(", count: 200) + "1" + String(repeating: ")", count: 200)
        let found = try #require(diagnostics(source))
        #expect(found.first?.message.contains("nested too deeply") == true)
    }

    @Test("moderate nesting is still accepted")
    func moderateNesting() throws {
        let source = String(repeating: "(", count: 50) + "1" + String(repeating: ")", count: 50)
        #expect(try CompiledExpression(source, environment: testEnvironment).evaluate(Activation(slotCount: 0)) == 1)
        let lists = String(repeating: "[", count: 60) + String(repeating: "]", count: 60)
        #expect(diagnostics(lists) == nil)
    }

    @Test("deep unary chains, index chains and operator chains are bounded")
    func otherDeepShapes() throws {
        for source in [
            String(repeating: "!", count: 5000) + "true",
            String(repeating: "-", count: 5000) + "1",
            "[1]" + String(repeating: "[0]", count: 2000),
            Array(repeating: "1", count: 2000).joined(separator: " + "),
            String(repeating: "false ? 1 : ", count: 500) + "2",
        ] {
            let found = try #require(diagnostics(source))
            #expect(found.first?.message.contains("nested too deeply") == true, "\(found) for \(source.prefix(20))")
        }
    }

    @Test("long && chains are balanced, so 500 terms compile and evaluate")
    func longLogicalChains() throws {
        let source = Array(repeating: "answers.a > 0", count: 500).joined(separator: " && ")
        let compiled = try CompiledExpression(source, environment: testEnvironment)
        #expect(compiled.evaluate(Activation(testEnvironment, ["answers.a": 1])) == true)
    }

    @Test("expressions over 10,000 characters are refused")
    func tooLong() throws {
        let source = "'" + String(repeating: "a", count: 10_000) + "'"
        let found = try #require(diagnostics(source))
        #expect(found.first?.message.contains("too long") == true)
    }

    @Test("a corpus of malformed input returns diagnostics")
    func malformedCorpus() {
        let corpus = [
            "", " ", "(", ")", "[", "]", "{", "}", "((((", "))))", "1 +", "+", "* 2", "a.", ".", "..", "1..2",
            "'", "\"", "'''", "\"\"\"abc", "r'", "b'\\", "'\\", "'\\u12'", "'\\U110000'", "0x", "1e+", "1u2",
            "99999999999999999999999999", "-99999999999999999999", "0xFFFFFFFFFFFFFFFFFF", "1 ? : 2", "? 1 : 2",
            "a b c", "size(", "size(,)", "f(1,", "[1,,2]", "{1:}", "{:1}", "{1 2}", "answers.a ==", "== 1",
            "\u{0}", "\u{7F}", "@", "$x", "`x`", "1 === 1", "!", "-", "in in in", "var", "while (true)",
        ]
        for source in corpus {
            #expect(diagnostics(source) != nil, "accepted: \(source.debugDescription)")
        }
    }

    @Test("random byte strings never crash the compiler")
    func randomInput() {
        var generator = SplitMix64(seed: 0x5EED)
        let alphabet = Array("abxy_019 .,:?!-+*/%<>=&|()[]{}'\"\\rbu\n\té😀".unicodeScalars)
        for _ in 0..<3000 {
            var source = String.UnicodeScalarView()
            for _ in 0..<Int(generator.next() % 40) {
                source.append(alphabet[Int(generator.next() % UInt64(alphabet.count))])
            }
            // Only the absence of a crash matters; most inputs are rejected.
            if let compiled = try? CompiledExpression(String(source), environment: testEnvironment) {
                _ = compiled.evaluate(Activation(slotCount: 0))
            }
        }
    }

    @Test("an activation smaller than the environment reads as unset, not out of bounds")
    func shortActivation() throws {
        let compiled = try CompiledExpression("answers.reply_hours > 1.0", environment: testEnvironment)
        let result = compiled.evaluate(Activation(slotCount: 0))
        #expect(result.evaluationError?.message == "no such key: answers.reply_hours")
    }
}
