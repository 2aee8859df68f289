import Foundation
import Testing

/// `insource eval`, end to end: the value printed as JSON, errors on stderr with exit 1.
@Suite("insource eval")
struct EvalCommandTests {
    @Test("a constant expression prints its JSON value", arguments: [
        ("1 + 2", "3"),
        ("1.0 + 2.0", "3.0"),
        ("\"a\" + \"b\"", "\"ab\""),
        ("[1, 2] + [3]", "[1,2,3]"),
        ("2 > 1 && !false", "true"),
    ])
    func constants(_ expression: String, _ printed: String) throws {
        let result = try Insource.run(["eval", expression])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: " ", with: "") == printed)
    }

    @Test("exact output: '1 + 2' prints 3 and '1.0 + 2.0' prints 3.0, each on one line")
    func exactOutput() throws {
        #expect(try Insource.run(["eval", "1 + 2"]).stdout == "3\n")
        #expect(try Insource.run(["eval", "1.0 + 2.0"]).stdout == "3.0\n")
    }

    @Test("an evaluation error exits 1 with error: on stderr", arguments: ["1 / 0", "[1][5]", "1 % 0"])
    func evaluationError(_ expression: String) throws {
        let result = try Insource.run(["eval", expression])
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("error: "), "\(result.stderr)")
    }

    @Test("a syntax error exits 1 and shows a caret under the problem")
    func syntaxError() throws {
        let result = try Insource.run(["eval", "1 + * 2"], environment: ["NO_COLOR": "1"])
        #expect(result.status == 1, "\(result)")
        let arrow = try #require(result.stderr.components(separatedBy: "\n").first { $0.hasPrefix("  --> <expression>:1:") }, "\(result.stderr)")
        let column = try #require(Int(arrow.split(separator: ":").last ?? ""))
        #expect(column == 5)
        expectRenderedDiagnostic(in: result.stderr, path: "<expression>", line: 1, column: column, source: "1 + * 2", message: "unexpected '*'")
    }

    @Test("an unknown name is a compile error with a caret")
    func unknownName() throws {
        let result = try Insource.run(["eval", "1 + y"], environment: ["NO_COLOR": "1"])
        #expect(result.status == 1)
        expectRenderedDiagnostic(in: result.stderr, path: "<expression>", line: 1, column: 5, source: "1 + y", message: "unknown variable 'y'")
    }

    @Test("--vars declares extra names from a JSON object")
    func vars() throws {
        let result = try Insource.run(["eval", "--vars", "{\"x\": 3}", "x * 2"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "6\n")
        let strings = try Insource.run(["eval", "--vars", "{\"name\": \"Ana\", \"tags\": [\"a\", \"b\"]}", "name + \"!\" + tags[1]"])
        #expect(strings.stdout == "\"Ana!b\"\n", "\(strings)")
    }

    @Test("--vars that are not a JSON object exit 1")
    func badVars() throws {
        let result = try Insource.run(["eval", "--vars", "[1, 2]", "1"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("--vars must be a JSON object"))
    }

    @Test("--questionnaire makes its client and answers readable")
    func questionnaireValues() throws {
        let name = try Insource.run(["eval", "--questionnaire", "Rubrics/examples/rosas-bakery.yaml", "client.name"])
        #expect(name.status == 0, "\(name)")
        #expect(name.stdout == "\"Rosa's Bakery\"\n")
        let answer = try Insource.run(["eval", "--questionnaire", "Rubrics/examples/rosas-bakery.yaml", "answers.reply_expectation"])
        #expect(answer.stdout == "\"within_hour\"\n")
    }

    @Test("with a questionnaire, scores, overall and coverage hold the values score reports")
    func scoresMatchScore() throws {
        let file = "Rubrics/examples/rosas-bakery.yaml"
        let json = try Insource.run(["score", file, "--format", "json"]).json()
        let criteria = try #require(json["criteria"] as? [[String: Any]])
        let leadership = try #require(criteria.first { $0["id"] as? String == "leadership" }?["score"] as? Double)
        let overall = try #require(json["overall"] as? Double)

        let score = try Insource.run(["eval", "--questionnaire", file, "scores.leadership"])
        #expect(score.status == 0, "\(score)")
        #expect(Double(score.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) == leadership)

        let comparison = try Insource.run(["eval", "--questionnaire", file, "scores.leadership > 50.0 && overall == \(overall) && coverage > 0.5"])
        #expect(comparison.stdout == "true\n", "\(comparison)")
    }

    @Test("with --rubric alone, the names are declared but unset")
    func rubricAlone() throws {
        let declared = try Insource.run(["eval", "--rubric", "social-media", "has(answers.reply_expectation)"])
        #expect(declared.status == 0, "\(declared)")
        #expect(declared.stdout == "false\n")
        let misspelt = try Insource.run(["eval", "--rubric", "social-media", "answers.reply_expectaton"])
        #expect(misspelt.status == 1)
        #expect(misspelt.stderr.contains("did you mean 'reply_expectation'?"))
    }

    @Test("an invalid questionnaire given to eval exits 1 with its diagnostics")
    func invalidQuestionnaire() throws {
        try withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("bad.yaml")
            try write("client:\n  name: A\nanswers:\n  followers_known_by_name: 0\n", to: file)
            let result = try Insource.run(["eval", "--questionnaire", file.path, "1"], environment: ["NO_COLOR": "1"])
            #expect(result.status == 1)
            #expect(result.stderr.contains("--> \(file.path):4:28"), "\(result.stderr)")
        }
    }
}
