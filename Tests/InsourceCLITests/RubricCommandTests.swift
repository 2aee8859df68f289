import Foundation
import Testing

/// `insource rubric lint|show|list`, end to end.
@Suite("insource rubric")
struct RubricCommandTests {
    /// A second, valid rubric (the README's short example, trimmed), to put on the search path.
    static let otherRubric = """
        id: bookkeeping-lite
        title: Bookkeeping (test copy)
        version: "0.1.0"
        description: A small rubric for search-path tests.
        source:
          title: Insource tests
        min_coverage: 0.5
        bands:
          - {verdict: outsource, from: 0, to: 40, summary: Buy it in.}
          - {verdict: hybrid, from: 40, to: 70, summary: Split it.}
          - {verdict: keep-in-house, from: 70, to: 100, summary: Keep it.}
        criteria:
          - id: daily_use
            title: Daily use
            weight: 1
            meaning: How often the figures are used.
            why_in_house: Current figures need someone close.
        questions:
          - id: cash_checks
            criterion: daily_use
            prompt: How often do you check your cash?
            type: scale
            min: 1
            max: 5
            favors_in_house: high

        """

    @Test("lint exits 0 on the shipped rubric and says what it holds")
    func lintClean() throws {
        let result = try Insource.run(["rubric", "lint", "Rubrics/social-media.yaml"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("rubric 'social-media' version 1.0.0 is valid: 4 criteria"))
        #expect(result.stderr.isEmpty)
    }

    @Test("lint exits 1 on a broken rubric and prints every diagnostic with its place")
    func lintBroken() throws {
        try withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("broken.yaml")
            let text = Self.otherRubric
                .replacingOccurrences(of: "    weight: 1\n", with: "    wieght: 1\n")
                .replacingOccurrences(of: "    type: scale", with: "    type: scael")
            try write(text, to: file)
            let result = try Insource.run(["rubric", "lint", file.path], environment: ["NO_COLOR": "1"])
            #expect(result.status == 1, "\(result)")
            expectRenderedDiagnostic(
                in: result.stderr, path: file.path, line: 15, column: 5, source: "    wieght: 1",
                message: "unknown key 'wieght' in a criterion; did you mean 'weight'?")
            expectRenderedDiagnostic(
                in: result.stderr, path: file.path, line: 22, column: 11, source: "    type: scael",
                message: "'scael' is not a valid question type; did you mean 'scale'?")
            #expect(result.stderr.contains("\(file.path): 4 problems found"), "\(result.stderr)")
        }
    }

    @Test("lint exits 1 on a file that does not exist")
    func lintMissing() throws {
        let result = try Insource.run(["rubric", "lint", "/nonexistent/rubric.yaml"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("error: cannot open the file"))
    }

    @Test("show prints the normalised rubric as JSON, with the SHA-256 of the file's bytes")
    func show() throws {
        let result = try Insource.run(["rubric", "show", "social-media", "--format", "json"])
        #expect(result.status == 0, "\(result)")
        let json = try result.json()
        #expect(json["id"] as? String == "social-media")
        #expect(json["version"] as? String == "1.0.0")
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: packagePath("Rubrics/social-media.yaml"))))
        #expect(json["sha256"] as? String == sha256Hex(bytes))

        let criteria = try #require(json["criteria"] as? [[String: Any]])
        #expect(criteria.map { $0["id"] as? String } == ["emotional_connection", "real_time_responsiveness", "leadership", "core_competency"])
        #expect(criteria.allSatisfy { $0["weight"] is NSNumber && $0["title"] is String })

        let questions = try #require(json["questions"] as? [[String: Any]])
        #expect(questions.count >= 20)
        for question in questions {
            let id = question["id"] as? String ?? "?"
            #expect(question.keys.contains("favors_in_house"), "\(id) lacks favors_in_house")
            let direction = question["favors_in_house"]
            let type = question["type"] as? String
            #expect(question["choices"] is [[String: Any]], "\(id): choices must be a list")
            switch type {
            case "choice":
                #expect(direction is NSNull, "\(id): a choice question's direction is null")
                let choices = question["choices"] as? [[String: Any]] ?? []
                #expect(!choices.isEmpty && choices.allSatisfy { $0["value"] is String && $0["points"] is NSNumber }, "\(id)")
            case "text":
                #expect(direction is NSNull, "\(id)")
            case "scale", "boolean", "number":
                #expect(direction as? String == "high" || direction as? String == "low", "\(id): \(String(describing: direction))")
            default:
                #expect(type == "multi-choice", "\(id): unknown type \(String(describing: type))")
            }
        }
        #expect(questions.contains { $0["favors_in_house"] as? String == "high" })
        #expect(questions.contains { $0["favors_in_house"] as? String == "low" })

        let rules = try #require(json["rules"] as? [[String: Any]])
        #expect(rules.contains { $0["id"] as? String == "audience_is_the_product" && $0["veto"] as? String == "keep-in-house" })
        #expect(rules.contains { $0["phase"] as? String == "after-scoring" })
        #expect(rules.allSatisfy { $0["when"] is String })
    }

    @Test("show by file path and by id give the same rubric")
    func showByPath() throws {
        let byID = try Insource.run(["rubric", "show", "social-media", "--format", "json"]).json()
        let byPath = try Insource.run(["rubric", "show", "Rubrics/social-media.yaml", "--format", "json"]).json()
        #expect(byID["sha256"] as? String == byPath["sha256"] as? String)
        #expect((byID["questions"] as? [Any])?.count == (byPath["questions"] as? [Any])?.count)
    }

    @Test("show of an unknown id exits 1 with a did-you-mean")
    func showUnknown() throws {
        let result = try Insource.run(["rubric", "show", "social-mdia", "--format", "json"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("did you mean 'social-media'?"))
    }

    @Test("list shows the shipped rubric")
    func list() throws {
        let result = try Insource.run(["rubric", "list"])
        #expect(result.status == 0, "\(result)")
        let line = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("social-media\t") })
        #expect(line.contains("\t1.0.0\t"))
        #expect(line.hasSuffix("social-media.yaml"))
    }

    @Test("--rubrics DIR and INSOURCE_RUBRICS add directories to the search path")
    func extraDirectories() throws {
        try withTemporaryDirectory { directory in
            let first = directory.appendingPathComponent("first")
            let second = directory.appendingPathComponent("second")
            try FileManager.default.createDirectory(at: first, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: second, withIntermediateDirectories: true)
            try write(Self.otherRubric, to: first.appendingPathComponent("bookkeeping-lite.yaml"))
            try write(Self.otherRubric.replacingOccurrences(of: "id: bookkeeping-lite", with: "id: payroll-lite"), to: second.appendingPathComponent("payroll-lite.yaml"))
            try write("id: [broken\n", to: second.appendingPathComponent("broken.yaml"))

            let plain = try Insource.run(["rubric", "list"])
            #expect(!plain.stdout.contains("bookkeeping-lite"))

            let withOption = try Insource.run(["rubric", "list", "--rubrics", first.path])
            #expect(withOption.status == 0)
            #expect(withOption.stdout.contains("bookkeeping-lite\t0.1.0\t"), "\(withOption)")
            #expect(withOption.stdout.contains("social-media\t"))

            let withVariable = try Insource.run(["rubric", "list"], environment: ["INSOURCE_RUBRICS": "\(first.path):\(second.path)"])
            #expect(withVariable.stdout.contains("bookkeeping-lite\t"), "\(withVariable)")
            #expect(withVariable.stdout.contains("payroll-lite\t"))
            #expect(withVariable.stdout.contains("(invalid)"), "a broken rubric on the path is listed as invalid")
            #expect(withVariable.stdout.contains("social-media\t"))

            let shown = try Insource.run(["rubric", "show", "payroll-lite", "--format", "json"], environment: ["INSOURCE_RUBRICS": second.path])
            #expect(shown.status == 0, "\(shown)")
            #expect(try shown.json()["id"] as? String == "payroll-lite")

            let answers = directory.appendingPathComponent("answers.yaml")
            try write("rubric: bookkeeping-lite\nclient:\n  name: Fernhill\nanswers:\n  cash_checks: 4\n", to: answers)
            let scored = try Insource.run(["score", answers.path, "--rubrics", first.path, "--format", "json"])
            #expect(scored.status == 0, "\(scored)")
            #expect(try scored.json()["overall"] as? Double == 75)
        }
    }
}
