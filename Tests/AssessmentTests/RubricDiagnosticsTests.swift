import Assessment
import Testing

/// Rubric loading reports every problem at once, each at its exact line and column, with its source line.
@Suite("Rubric diagnostics")
struct RubricDiagnosticsTests {
    @Test("the minimal rubric used by these tests loads clean")
    func minimalRubricIsValid() throws {
        let rubric = try loadRubric(minimalRubric)
        #expect(rubric.id == "mini")
        #expect(rubric.criteria.map(\.id) == ["voice", "speed"])
        #expect(rubric.questions.map(\.id) == ["known_by_name", "posts_inside", "reply_hours", "channel"])
        #expect(rubric.rules.map(\.id) == ["fast_replies"])
    }

    @Test("several problems in one rubric are all reported, in file order, each with path, line, column and source line")
    func everyProblemAtOnce() throws {
        var yaml = minimalRubric(replacing: "    title: Voice\n    weight: 3", with: "    title: Voice\n    wieght: 3")
        yaml = yaml.replacingOccurrences(of: "{verdict: hybrid, from: 40,", with: "{verdict: hybrid, from: 30,")
        yaml = yaml.replacingOccurrences(of: "    criterion: voice\n    prompt: Do your own", with: "    criterion: voise\n    prompt: Do your own")
        yaml += """
              - id: unknown_answer
                when: answers.post_inside
                flag: {level: info, message: Never loads.}

            """
        let found = rubricDiagnostics(yaml)
        #expect(found.map(\.location) == [at(10, 5), at(13, 5), at(15, 5), at(32, 16), at(57, 19)], "\(RenderedDiagnostics(found))")
        let lines = yaml.components(separatedBy: "\n")
        for item in found {
            #expect(item.path == "mini.yaml")
            #expect(item.severity == .error)
            let location = try #require(item.location)
            #expect(item.sourceLine == lines[location.line - 1], "source line of \(describe(item))")
        }
        #expect(found.map(\.message).contains { $0.contains("overlap") })
        #expect(found.map(\.message).contains { $0.contains("unknown key 'wieght'") })
        #expect(found.map(\.message).contains { $0.contains("unknown criterion 'voise'") })
        #expect(found.map(\.message).contains { $0.contains("unknown field 'post_inside'") })
    }

    @Test("an unknown key is reported at the key with a did-you-mean, and the key it replaced as missing")
    func unknownKeyDidYouMean() throws {
        let found = rubricDiagnostics(minimalRubric(replacing: "    title: Voice\n    weight: 3", with: "    title: Voice\n    wieght: 3"))
        let unknown = try diagnostic("unknown key 'wieght'", in: found)
        #expect(unknown.message.contains("did you mean 'weight'?"))
        #expect(unknown.location == at(15, 5))
        #expect(unknown.sourceLine == "    wieght: 3")
        let missing = try diagnostic("missing the required key 'weight'", in: found)
        #expect(missing.location == at(13, 5))
        #expect(found.count == 2)
    }

    @Test("an unknown top-level key suggests the right one")
    func unknownTopLevelKey() throws {
        let found = rubricDiagnostics(minimalRubric(replacing: "min_coverage: 0.5", with: "min_coverage: 0.5\nrule: []"))
        let unknown = try diagnostic("unknown key 'rule'", in: found)
        #expect(unknown.message.contains("did you mean 'rules'?"))
        #expect(unknown.location == at(8, 1))
    }

    @Test("a duplicate criterion id points at the second one, and its note at the first")
    func duplicateCriterionID() throws {
        let found = rubricDiagnostics(minimalRubric(replacing: "  - id: speed", with: "  - id: voice"))
        let duplicate = try diagnostic("duplicate criterion id 'voice'", in: found)
        #expect(duplicate.location == at(18, 9))
        #expect(duplicate.sourceLine == "  - id: voice")
        #expect(duplicate.note == "first defined at line 13, column 9")
    }

    @Test("a duplicate question id points at the second one, and its note at the first")
    func duplicateQuestionID() throws {
        let found = rubricDiagnostics(minimalRubric(replacing: "  - id: posts_inside", with: "  - id: known_by_name"))
        let duplicate = try diagnostic("duplicate question id 'known_by_name'", in: found)
        #expect(duplicate.location == at(31, 9))
        #expect(duplicate.note == "first defined at line 24, column 9")
    }

    @Test("a duplicate rule id points at the second one, and its note at the first")
    func duplicateRuleID() throws {
        let found = rubricDiagnostics(minimalRubric(withRule: """
              - id: fast_replies
                when: has(answers.posts_inside) && answers.posts_inside
                flag: {level: info, message: Posts from inside.}

            """))
        let duplicate = try diagnostic("duplicate rule id 'fast_replies'", in: found)
        #expect(duplicate.location == at(56, 9))
        #expect(duplicate.note == "first defined at line 53, column 9")
        #expect(found.count == 1)
    }

    @Test("a question naming an unknown criterion is reported at the criterion, with a did-you-mean")
    func unknownCriterion() throws {
        let found = rubricDiagnostics(minimalRubric(
            replacing: "    criterion: voice\n    prompt: Do your own", with: "    criterion: voise\n    prompt: Do your own"))
        let unknown = try diagnostic("unknown criterion 'voise'", in: found)
        #expect(unknown.message.contains("question 'posts_inside'"))
        #expect(unknown.message.contains("did you mean 'voice'?"))
        #expect(unknown.location == at(32, 16))
        #expect(unknown.sourceLine == "    criterion: voise")
    }

    @Test("weights of zero or below are reported, criterion and question weights alike, all at once")
    func weightsMustBePositive() throws {
        var yaml = minimalRubric(replacing: "    title: Voice\n    weight: 3", with: "    title: Voice\n    weight: 0")
        yaml = yaml.replacingOccurrences(of: "    title: Speed\n    weight: 1", with: "    title: Speed\n    weight: -1")
        yaml = yaml.replacingOccurrences(of: "    type: boolean\n", with: "    type: boolean\n    weight: -0.5\n")
        let found = rubricDiagnostics(yaml).filter { $0.message.contains("weight must be greater than zero") }
        #expect(found.map(\.location) == [at(15, 13), at(20, 13), at(35, 13)])
        #expect(found.map(\.sourceLine) == ["    weight: 0", "    weight: -1", "    weight: -0.5"])
    }

    @Test("a weight that is not a finite number is refused", arguments: ["1e999999", String(repeating: "9", count: 500), ".inf", "heavy"])
    func weightMustBeFinite(_ weight: String) throws {
        let found = rubricDiagnostics(minimalRubric(replacing: "    title: Voice\n    weight: 3", with: "    title: Voice\n    weight: \(weight)"))
        let bad = try diagnostic("weight must be a finite number", in: found)
        #expect(bad.location == at(15, 13))
    }

    struct BandCase: Sendable, CustomTestStringConvertible {
        let old: String
        let new: String
        let fragment: String
        let line: Int
        var testDescription: String { fragment }
    }

    @Test("verdict bands that overlap or leave a gap are reported at the offending band", arguments: [
        BandCase(old: "{verdict: hybrid, from: 40,", new: "{verdict: hybrid, from: 30,",
            fragment: "verdict bands overlap: 30...70 starts before the band ending at 40", line: 10),
        BandCase(old: "{verdict: hybrid, from: 40,", new: "{verdict: hybrid, from: 45,",
            fragment: "verdict bands leave a gap: nothing covers scores from 40 to 45", line: 10),
        BandCase(old: "from: 70, to: 100", new: "from: 70, to: 90",
            fragment: "verdict bands leave a gap: nothing covers scores from 90 to 100", line: 11),
        BandCase(old: "{verdict: outsource, from: 0,", new: "{verdict: outsource, from: 5,",
            fragment: "verdict bands leave a gap: nothing covers scores from 0 to 5", line: 9),
    ])
    func bandsTileTheScale(_ band: BandCase) throws {
        let found = rubricDiagnostics(minimalRubric(replacing: band.old, with: band.new))
        let problem = try diagnostic(band.fragment, in: found)
        #expect(problem.location == at(band.line, 5))
        #expect(found.count == 1, "\(RenderedDiagnostics(found))")
        if band.fragment.contains("overlap") {
            #expect(problem.note == "the other band is at line 9")
        }
    }

    @Test("criterion bands must tile 0...100 as well")
    func criterionBandsTileTheScale() throws {
        let found = rubricDiagnostics(minimalRubric(replacing: "min_coverage: 0.5\n", with: """
            min_coverage: 0.5
            criterion_bands:
              - {band: weak, from: 0, to: 50}
              - {band: strong, from: 60, to: 100}

            """))
        let gap = try diagnostic("criterion bands leave a gap: nothing covers scores from 50 to 60", in: found)
        #expect(gap.location == at(10, 5))
    }

    // MARK: Conditions

    @Test("a condition that does not parse is reported at the offending token inside the YAML line")
    func unparsableConditionPointsIntoTheExpression() throws {
        let found = rubricDiagnostics(minimalRubric(withRule: """
              - id: broken
                when: has(answers.posts_inside) && && answers.posts_inside
                flag: {level: info, message: Broken.}

            """))
        #expect(found.count == 1, "\(RenderedDiagnostics(found))")
        let problem = try #require(found.first)
        // `    when: ` is ten characters, so the expression starts at column 11 and its second `&&` at column 40.
        #expect(problem.location == at(57, 40))
        #expect(problem.sourceLine == "    when: has(answers.posts_inside) && && answers.posts_inside")
    }

    @Test("a parse error inside a double-quoted condition counts the opening quote")
    func unparsableQuotedCondition() throws {
        let found = rubricDiagnostics(minimalRubric(withRule: """
              - id: broken
                when: "answers.posts_inside == @"
                flag: {level: info, message: Broken.}

            """))
        let problem = try #require(found.first)
        #expect(found.count == 1, "\(RenderedDiagnostics(found))")
        #expect(problem.location == at(57, 36))
    }

    @Test("a parse error after escaped quotes inside a quoted condition still points at the offending character", arguments: [
        "'answers.channel == ''chat'' && @'",
        "\"answers.channel == \\\"chat\\\" && @\"",
    ])
    func unparsableConditionAfterEscapes(_ when: String) throws {
        let found = rubricDiagnostics(minimalRubric(withRule: """
              - id: broken
                when: \(when)
                flag: {level: info, message: Broken.}

            """))
        let problem = try #require(found.first)
        #expect(found.count == 1, "\(RenderedDiagnostics(found))")
        // The expression's `@` stands at column 43 of the YAML line: each escaped quote takes two characters there.
        let line = "    when: \(when)"
        #expect(Array(line)[42] == "@")
        #expect(problem.location == at(57, 43))
    }

    @Test("a parse error in a folded multi-line condition points at the right line of the block")
    func unparsableFoldedCondition() throws {
        let found = rubricDiagnostics(minimalRubric(withRule: """
              - id: broken
                when: >-
                  has(answers.reply_hours)
                  && answers.reply_hours <= )
                flag: {level: info, message: Broken.}

            """))
        let problem = try #require(found.first)
        #expect(found.count == 1, "\(RenderedDiagnostics(found))")
        #expect(problem.location == at(59, 33))
        #expect(problem.sourceLine == "      && answers.reply_hours <= )")
    }

    struct ConditionCase: Sendable, CustomTestStringConvertible {
        let when: String
        let fragment: String
        let column: Int
        var testDescription: String { "\(when) → \(fragment)" }
    }

    @Test("a condition naming an unknown question, field or variable is reported at the name with a did-you-mean", arguments: [
        ConditionCase(when: "answers.post_inside", fragment: "unknown field 'post_inside' of answers; did you mean 'posts_inside'?", column: 19),
        ConditionCase(when: "client.employes > 5", fragment: "unknown field 'employes' of client; did you mean 'employees'?", column: 18),
        ConditionCase(when: "answer.posts_inside", fragment: "unknown variable 'answer'; did you mean 'answers'?", column: 11),
        ConditionCase(when: "has(scores.voise) && scores.voice > 1.0", fragment: "unknown field 'voise' of scores; did you mean 'voice'?", column: 22),
    ])
    func unknownNamesInConditions(_ condition: ConditionCase) throws {
        let found = rubricDiagnostics(minimalRubric(withRule: """
              - id: misspelt
                when: \(condition.when)
                flag: {level: info, message: Misspelt.}

            """))
        let problem = try diagnostic(condition.fragment, in: found)
        #expect(problem.location == at(57, condition.column))
        #expect(problem.sourceLine == "    when: \(condition.when)")
    }

    @Test("ill-typed comparisons are reported: a boolean with a number, a string with an int, a scale with a string", arguments: [
        "answers.posts_inside == 1",
        "answers.channel == 1",
        "answers.known_by_name >= \"4\"",
        "answers.posts_inside > 0.5",
    ])
    func illTypedConditions(_ when: String) throws {
        let found = rubricDiagnostics(minimalRubric(withRule: """
              - id: ill_typed
                when: '\(when)'
                flag: {level: info, message: Ill-typed.}

            """))
        #expect(found.count == 1, "\(RenderedDiagnostics(found))")
        let problem = try #require(found.first)
        #expect(problem.message.contains("no matching overload"), "\(problem.message)")
        #expect(problem.location?.line == 57)
        // The span starts inside the quoted expression, not at the key or the quote.
        #expect((problem.location?.column ?? 0) >= 12)
    }

    @Test("a condition that is not true or false is refused, with the type it gives")
    func nonBooleanCondition() throws {
        let found = rubricDiagnostics(minimalRubric(withRule: """
              - id: not_a_test
                when: answers.reply_hours + 1.0
                flag: {level: info, message: Never.}

            """))
        let problem = try diagnostic("must be true or false", in: found)
        #expect(problem.message.contains("double"))
        #expect(problem.location == at(57, 11))
    }

    @Test("a rule that reads scores, overall or coverage runs after scoring and may not adjust", arguments: [
        "has(scores.voice) && scores.voice < 50.0", "overall > 50.0", "coverage < 0.9",
    ])
    func afterScoringRuleCannotAdjust(_ when: String) throws {
        let found = rubricDiagnostics(minimalRubric(withRule: """
              - id: late_adjust
                when: \(when)
                adjust: {voice: 5}

            """))
        let problem = try diagnostic("rule 'late_adjust' reads scores, so it runs after scoring and cannot adjust them", in: found)
        #expect(problem.location == at(58, 13))
        #expect(found.count == 1)
    }

    @Test("an after-scoring rule that only flags is accepted and marked as after scoring")
    func afterScoringRuleMayFlag() throws {
        let rubric = try loadRubric(minimalRubric(withRule: """
              - id: late_flag
                when: has(scores.voice) && scores.voice < 50.0
                flag: {level: warning, message: Weak voice.}

            """))
        let rule = try #require(rubric.rules.first { $0.id == "late_flag" })
        #expect(rule.runsAfterScoring)
        #expect(rubric.rules.first { $0.id == "fast_replies" }?.runsAfterScoring == false)
    }

    @Test("a rule without any effect is refused")
    func ruleNeedsAnEffect() throws {
        let found = rubricDiagnostics(minimalRubric(withRule: """
              - id: idle
                when: answers.posts_inside

            """))
        let problem = try diagnostic("rule 'idle' has no effect", in: found)
        #expect(problem.location == at(56, 5))
    }

    @Test("an adjustment naming an unknown criterion is reported at its key")
    func adjustUnknownCriterion() throws {
        let found = rubricDiagnostics(minimalRubric(replacing: "    adjust: {speed: 10}", with: "    adjust: {sped: 10}"))
        let problem = try diagnostic("adjust names an unknown criterion 'sped'; did you mean 'speed'?", in: found)
        #expect(problem.location == at(55, 14))
    }

    @Test("an explanation placeholder naming something rules cannot read is an error")
    func misspeltPlaceholder() throws {
        let found = rubricDiagnostics(minimalRubric(withRule: """
              - id: explained
                when: answers.posts_inside
                flag: {level: info, message: Inside.}
                explanation: "Posts inside: {answers.post_inside}."

            """))
        let problem = try diagnostic("'{answers.post_inside}'", in: found)
        #expect(problem.location == at(59, 18))
    }

    @Test("a question type that does not exist suggests the closest one")
    func unknownQuestionType() throws {
        let found = rubricDiagnostics(minimalRubric(replacing: "    type: boolean", with: "    type: bool"))
        let problem = try diagnostic("'bool' is not a valid question type", in: found)
        #expect(problem.location == at(34, 11))
    }

    @Test("diagnostics name the path the rubric was loaded under")
    func diagnosticsNameThePath() {
        let found = rubricDiagnostics(minimalRubric(replacing: "  - id: speed", with: "  - id: voice"), path: "rubrics/mine.yaml")
        #expect(!found.isEmpty)
        #expect(found.allSatisfy { $0.path == "rubrics/mine.yaml" })
    }
}
