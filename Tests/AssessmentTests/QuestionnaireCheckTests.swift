import Assessment
import Foundation
import Testing

/// Questionnaires are checked answer by answer against their rubric, every problem reported at once.
@Suite("Questionnaire checks")
struct QuestionnaireCheckTests {
    static func rubric() throws -> Rubric {
        try loadRubric(path: fixture("scoring.yaml").path)
    }

    @Test("every problem in a questionnaire is reported together, in file order, at its line and column")
    func everyProblemTogether() throws {
        let text = """
            rubric: scoring-test
            client:
              name: Test Client
              email: someone@localhost
            assessed_on: "2026-02-30"
            answers:
              scale_low: three
              delta_scale: 7
              hours: 2000
              pick: sometime
              tags: [photos, video, photos]
              flag_hihg: true
              flag_low: yes
              amount: -101

            """
        let found = questionnaireDiagnostics(text, against: try Self.rubric())
        let expected: [(Int, Int, String)] = [
            (4, 10, "'someone@localhost' is not an e-mail address"),
            (5, 14, "assessed_on must be a date written YYYY-MM-DD, found '2026-02-30'"),
            (7, 3, "the required question 'scale_high' is not answered"),
            (7, 14, "the answer to 'scale_low' must be a whole number, found a string"),
            (8, 16, "the answer to 'delta_scale' must lie on the scale 1...3, found 7"),
            (9, 10, "the answer to 'hours' must be at most 1000 hours, found 2000"),
            (10, 9, "'sometime' is not a choice for the answer to 'pick'; did you mean 'sometimes'?"),
            (11, 25, "'photos' is chosen twice in the answer to 'tags'"),
            (12, 3, "unknown question id 'flag_hihg' for rubric 'scoring-test'; did you mean 'flag_high'?"),
            (13, 13, "the answer to 'flag_low' must be true or false, found a string"),
            (14, 11, "the answer to 'amount' must be at least -100, found -101"),
        ]
        #expect(found.count == expected.count, "\(RenderedDiagnostics(found))")
        let lines = text.components(separatedBy: "\n")
        for (item, (line, column, message)) in zip(found, expected) {
            #expect(item.location == at(line, column), "\(describe(item))")
            #expect(item.message == message)
            #expect(item.path == "answers.yaml")
            #expect(item.sourceLine == lines[line - 1])
        }
    }

    struct AnswerCase: Sendable, CustomTestStringConvertible {
        let line: String
        let column: Int
        let fragment: String
        var testDescription: String { line.count > 40 ? String(line.prefix(40)) + "…" : line }
    }

    @Test("each kind of bad answer is reported at the answer", arguments: [
        AnswerCase(line: "scale_low: [1, 2]", column: 14, fragment: "must be a whole number, found a list"),
        AnswerCase(line: "scale_low: 2.5", column: 14, fragment: "must be a whole number, found a number"),
        AnswerCase(line: "scale_low: 11", column: 14, fragment: "must lie on the scale 0...10, found 11"),
        AnswerCase(line: "scale_low: -1", column: 14, fragment: "must lie on the scale 0...10, found -1"),
        AnswerCase(line: "flag_high: \"true\"", column: 14, fragment: "must be true or false, found a string"),
        AnswerCase(line: "flag_high: 1", column: 14, fragment: "must be true or false, found a number"),
        AnswerCase(line: "hours: -1", column: 10, fragment: "must be at least 0 hours, found -1"),
        AnswerCase(line: "hours: lots", column: 10, fragment: "must be a finite number, found a string"),
        AnswerCase(line: "hours: 1e999999", column: 10, fragment: "must be a finite number"),
        AnswerCase(line: "hours: .nan", column: 10, fragment: "must be a finite number"),
        AnswerCase(line: "hours: \(String(repeating: "7", count: 500))", column: 10, fragment: "must be a finite number"),
        AnswerCase(line: "scale_low: \(String(repeating: "7", count: 500))", column: 14, fragment: "must be a whole number"),
        AnswerCase(line: "pick: often", column: 9, fragment: "'often' is not a choice for the answer to 'pick'; expected one of: always, sometimes, never"),
        AnswerCase(line: "pick: [always]", column: 9, fragment: "must be text, found a list"),
        AnswerCase(line: "tags: photos", column: 9, fragment: "must be a list, found a string"),
        AnswerCase(line: "topics: [news, gossip]", column: 18, fragment: "'gossip' is not a choice for a choice in the answer to 'topics'"),
        AnswerCase(line: "topics: [news, news]", column: 18, fragment: "'news' is chosen twice in the answer to 'topics'"),
        AnswerCase(line: "note: [a, b]", column: 9, fragment: "must be text, found a list"),
        AnswerCase(line: "scale_hihg: 3", column: 3, fragment: "unknown question id 'scale_hihg' for rubric 'scoring-test'; did you mean 'scale_high'?"),
    ])
    func badAnswer(_ answer: AnswerCase) throws {
        let text = "client:\n  name: Test Client\nanswers:\n  scale_high: 3\n  \(answer.line)\n"
        let found = questionnaireDiagnostics(text, against: try Self.rubric())
        let problem = try diagnostic(answer.fragment, in: found)
        #expect(problem.location == at(5, answer.column))
        #expect(found.count == 1, "\(RenderedDiagnostics(found))")
    }

    @Test("a required question left out is reported at the answers mapping, one answered null at the null")
    func missingRequired() throws {
        let rubric = try Self.rubric()
        let absent = questionnaireDiagnostics("client:\n  name: A\nanswers:\n  scale_low: 3\n", against: rubric)
        #expect(absent.map(\.message) == ["the required question 'scale_high' is not answered"])
        #expect(absent.first?.location == at(4, 3))

        let null = questionnaireDiagnostics("client:\n  name: A\nanswers:\n  scale_low: 3\n  scale_high: ~\n", against: rubric)
        #expect(null.map(\.message) == ["the required question 'scale_high' is not answered"])
        #expect(null.first?.location == at(5, 15))
    }

    @Test("dates must be real calendar dates written YYYY-MM-DD", arguments: ["2026-02-30", "2026-13-01", "26-01-01", "2026/01/01", "tomorrow", "2025-02-29"])
    func badDates(_ date: String) throws {
        let found = questionnaireDiagnostics("client:\n  name: A\nassessed_on: \"\(date)\"\nanswers:\n  scale_high: 3\n", against: try Self.rubric())
        let problem = try diagnostic("assessed_on must be a date written YYYY-MM-DD", in: found)
        #expect(problem.location == at(3, 14))
    }

    @Test("a leap day is a good date")
    func leapDay() throws {
        let questionnaire = try checkQuestionnaire("client:\n  name: A\nassessed_on: \"2024-02-29\"\nanswers:\n  scale_high: 3\n", against: try Self.rubric())
        #expect(questionnaire.assessedOn == "2024-02-29")
    }

    @Test("e-mail addresses must look like one", arguments: ["plainaddress", "a@b", "@example.com", "a@@example.com", "a b@example.com", "a@example.", "a@.example.com"])
    func badEmails(_ email: String) throws {
        let found = questionnaireDiagnostics("client:\n  name: A\n  email: \"\(email)\"\nanswers:\n  scale_high: 3\n", against: try Self.rubric())
        let problem = try diagnostic("is not an e-mail address", in: found)
        #expect(problem.location == at(3, 10))
    }

    @Test("client details are checked: unknown keys, blank names, negative head counts")
    func clientChecks() throws {
        let found = questionnaireDiagnostics("""
            client:
              name: "  "
              employes: 4
              employees: -3
            answers:
              scale_high: 3

            """, against: try Self.rubric())
        #expect(try diagnostic("the client's name is blank", in: found).location == at(2, 9))
        #expect(try diagnostic("unknown key 'employes' in client; did you mean 'employees'?", in: found).location == at(3, 3))
        #expect(try diagnostic("employees cannot be negative", in: found).location == at(4, 14))
    }

    @Test("a questionnaire naming another rubric is refused")
    func wrongRubric() throws {
        let found = questionnaireDiagnostics("rubric: social-media\nclient:\n  name: A\nanswers:\n  scale_high: 3\n", against: try Self.rubric())
        #expect(try diagnostic("this questionnaire is for rubric 'social-media'", in: found).location == at(1, 9))
    }

    @Test("a valid questionnaire gives typed answers, and null or absent answers are unanswered")
    func typedAnswers() throws {
        let questionnaire = try checkQuestionnaire(bytes: fixtureBytes("scoring-answers.yaml"), path: "scoring-answers.yaml", against: try Self.rubric())
        #expect(questionnaire.client.name == "Test Client")
        #expect(questionnaire.client.employees == 3)
        #expect(questionnaire.rubricID == "scoring-test")
        #expect(questionnaire.answers["scale_high"] == .scale(4))
        #expect(questionnaire.answers["flag_low"] == .boolean(true))
        #expect(questionnaire.answers["hours"] == .number(30))
        #expect(questionnaire.answers["pick"] == .choice("always"))
        #expect(questionnaire.answers["tags"] == .multiChoice(["photos", "video"]))
        #expect(questionnaire.answers["note"] == .text("Plain words."))
        #expect(questionnaire.answers["delta_scale"] == nil)
        #expect(questionnaire.answers.count == 11)
    }

    @Test("the YAML and JSON forms of the same questionnaire give identical assessments")
    func yamlAndJSONAgree() throws {
        let rubric = try Self.rubric()
        let yaml = try checkQuestionnaire(bytes: fixtureBytes("scoring-answers.yaml"), path: "answers", against: rubric)
        let json = try checkQuestionnaire(bytes: fixtureBytes("scoring-answers.json"), path: "answers", against: rubric)
        #expect(yaml.answers == json.answers)
        #expect(yaml.client == json.client)
        var fromYAML = Scorer.score(yaml, with: rubric)
        var fromJSON = Scorer.score(json, with: rubric)
        // Only the files' own digests may differ; everything scored must not.
        #expect(fromYAML.questionnaire.sha256 != fromJSON.questionnaire.sha256)
        fromYAML.questionnaire.sha256 = ""
        fromJSON.questionnaire.sha256 = ""
        #expect(StableJSON.encode(fromYAML) == StableJSON.encode(fromJSON))
    }

    @Test("the shipped JSON example reads like its YAML siblings")
    func shippedJSONExampleChecks() throws {
        let rubric = try loadRubric(path: shippedRubricPath)
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: examplePath("harbour-coffee-franchise.json"))))
        let questionnaire = try checkQuestionnaire(bytes: bytes, path: "harbour.json", against: rubric)
        #expect(questionnaire.client.name == "Harbour Coffee (Westpoint franchise)")
        #expect(questionnaire.answers["posts_from_inside"] == .boolean(true))
    }

    @Test("errors in a JSON questionnaire carry JSON line and column")
    func jsonLocations() throws {
        let text = """
            {
              "client": {"name": "A"},
              "answers": {"scale_high": 3, "scale_low": "three", "pick": "nope"}
            }
            """
        let found = questionnaireDiagnostics(text, path: "answers.json", against: try Self.rubric())
        #expect(try diagnostic("'scale_low' must be a whole number, found a string", in: found).location == at(3, 45))
        #expect(try diagnostic("'nope' is not a choice", in: found).location == at(3, 62))
    }
}
