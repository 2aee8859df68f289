import Assessment
import Foundation
import Testing

/// Scoring arithmetic on `Fixtures/scoring.yaml`, every figure worked out by hand.
///
/// Scored question weight: alpha 5 (scale_high 2, scale_low, flag_high, flag_low), beta 3 (hours, amount,
/// pick), gamma 3 (tags, topics, topics_low; note is text), delta 4 (delta_scale); 15 in all.
/// Criterion weights: alpha 3, beta 1, gamma 1, delta 2. min_coverage 0.5.
@Suite("Scoring")
struct ScoringTests {
    static func rubric() throws -> Rubric {
        try loadRubric(path: fixture("scoring.yaml").path)
    }

    /// Scores a questionnaire whose answers are the given YAML lines (each `id: value`).
    static func score(_ answers: String..., client: String = "Test Client") throws -> Assessment {
        let rubric = try rubric()
        let text = "client:\n  name: \(client)\nanswers:\n" + answers.map { "  \($0)\n" }.joined()
        return Scorer.score(try checkQuestionnaire(text, against: rubric), with: rubric)
    }

    static func criterion(_ id: String, in assessment: Assessment) throws -> CriterionResult {
        try #require(assessment.criteria.first { $0.id == id })
    }

    static func rule(_ id: String, in assessment: Assessment) throws -> RuleResult {
        try #require(assessment.rules.first { $0.id == id })
    }

    // MARK: Points

    struct PointsCase: Sendable, CustomTestStringConvertible {
        let question: String
        let answer: Answer
        let points: Double?
        var testDescription: String { "\(question) = \(answer) → \(points.map { String($0) } ?? "nil")" }
    }

    @Test("each question type turns an answer into points toward in-house", arguments: [
        // scale 1..5, high: (answer - min) / (max - min)
        PointsCase(question: "scale_high", answer: .scale(1), points: 0),
        PointsCase(question: "scale_high", answer: .scale(4), points: 0.75),
        PointsCase(question: "scale_high", answer: .scale(5), points: 1),
        // scale 0..10, low: reversed
        PointsCase(question: "scale_low", answer: .scale(2), points: 0.8),
        PointsCase(question: "scale_low", answer: .scale(10), points: 0),
        // booleans, either direction
        PointsCase(question: "flag_high", answer: .boolean(true), points: 1),
        PointsCase(question: "flag_high", answer: .boolean(false), points: 0),
        PointsCase(question: "flag_low", answer: .boolean(true), points: 0),
        PointsCase(question: "flag_low", answer: .boolean(false), points: 1),
        // number scored over 10..50, low: clamped to 0..1 before reversing
        PointsCase(question: "hours", answer: .number(0), points: 1),
        PointsCase(question: "hours", answer: .number(10), points: 1),
        PointsCase(question: "hours", answer: .number(30), points: 0.5),
        PointsCase(question: "hours", answer: .number(50), points: 0),
        PointsCase(question: "hours", answer: .number(900), points: 0),
        // number scored over 0..20, high
        PointsCase(question: "amount", answer: .number(-50), points: 0),
        PointsCase(question: "amount", answer: .number(5), points: 0.25),
        PointsCase(question: "amount", answer: .number(100), points: 1),
        // choice: the chosen choice's points
        PointsCase(question: "pick", answer: .choice("always"), points: 1),
        PointsCase(question: "pick", answer: .choice("sometimes"), points: 0.25),
        PointsCase(question: "pick", answer: .choice("never"), points: 0),
        // multi-choice with points: the sum, kept within 0..1
        PointsCase(question: "tags", answer: .multiChoice([]), points: 0),
        PointsCase(question: "tags", answer: .multiChoice(["events"]), points: 0.1),
        PointsCase(question: "tags", answer: .multiChoice(["photos", "events"]), points: 0.6),
        PointsCase(question: "tags", answer: .multiChoice(["photos", "video"]), points: 1),
        // multi-choice without points: the share chosen, reversed when low
        PointsCase(question: "topics", answer: .multiChoice([]), points: 0),
        PointsCase(question: "topics", answer: .multiChoice(["news", "tips"]), points: 0.5),
        PointsCase(question: "topics", answer: .multiChoice(["news", "tips", "jokes", "deals"]), points: 1),
        PointsCase(question: "topics_low", answer: .multiChoice([]), points: 1),
        PointsCase(question: "topics_low", answer: .multiChoice(["ads"]), points: 0.5),
        // text never scores
        PointsCase(question: "note", answer: .text("anything"), points: nil),
    ])
    func points(_ example: PointsCase) throws {
        let question = try #require(try Self.rubric().question(example.question))
        let points = question.points(for: example.answer)
        if let expected = example.points {
            let actual = try #require(points)
            #expect(abs(actual - expected) < 1e-9, "got \(actual)")
        } else {
            #expect(points == nil)
        }
    }

    // MARK: Criterion scores

    @Test("a criterion scores the weighted mean of its answered questions; unanswered ones drop out")
    func weightedCriterionMean() throws {
        // alpha: scale_high 4 → 0.75 (weight 2), scale_low 2 → 0.8, flag_low true → 0; flag_high unanswered.
        // 100 × (2 × 0.75 + 0.8 + 0) / 4 = 57.5
        let assessment = try Self.score("scale_high: 4", "scale_low: 2", "flag_low: true")
        let alpha = try Self.criterion("alpha", in: assessment)
        #expect(alpha.score == 57.5)
        #expect(alpha.band == "mixed")
        #expect(alpha.advice == "Alpha is mixed.")
        #expect(alpha.contributions.map(\.id) == ["scale_high", "scale_low", "flag_low"])
        #expect(alpha.contributions.map(\.kind) == [.question, .question, .question])
        #expect(alpha.contributions.map(\.delta) == [37.5, 20, 0])
        #expect(alpha.contributions.map(\.points) == [0.75, 0.8, 0])
        #expect(alpha.contributions.map(\.weight) == [2, 1, 1])
        #expect(alpha.contributions.first?.answer == .int(4))
        // The other criteria have no answers and so no score.
        #expect(try Self.criterion("beta", in: assessment).score == nil)
        #expect(try Self.criterion("beta", in: assessment).contributions.isEmpty)
    }

    @Test("a firing rule's adjustment is added to the criterion, and shows as a contribution")
    func ruleAdjustment() throws {
        // beta: hours 50 → 0, amount 0 → 0, pick sometimes → 0.25: 100 × 0.25 / 3 = 8.33; boost_beta adds 30.
        let assessment = try Self.score("scale_high: 3", "flag_high: true", "hours: 50", "amount: 0", "pick: sometimes")
        let beta = try Self.criterion("beta", in: assessment)
        #expect(beta.score == 38.3)
        #expect(beta.contributions.map(\.kind) == [.question, .question, .question, .rule])
        #expect(beta.contributions.last?.id == "boost_beta")
        #expect(beta.contributions.last?.delta == 30)
        #expect(try Self.rule("boost_beta", in: assessment).effect?.adjust == ["beta": 30])
    }

    @Test("a score pushed past 100 is clamped, and the clamp is a contribution so the parts still add up")
    func clampAtTheTop() throws {
        // beta: hours 30 → 0.5, amount 15 → 0.75, pick always → 1: 75, plus 30 from boost_beta = 105 → 100.
        let assessment = try Self.score("scale_high: 3", "flag_high: true", "hours: 30", "amount: 15", "pick: always")
        let beta = try Self.criterion("beta", in: assessment)
        #expect(beta.score == 100)
        #expect(beta.contributions.map(\.delta) == [16.67, 25, 33.33, 30, -5])
        #expect(beta.contributions.last?.kind == .clamp)
        #expect(beta.contributions.last?.id == "max")
        #expect(abs(beta.contributions.reduce(0) { $0 + $1.delta } - 100) < 0.05)
    }

    @Test("a score pushed below 0 is clamped at 0")
    func clampAtTheBottom() throws {
        // gamma: tags [events] → 0.1, so 10; pick never fires sink_gamma, -80: -70 → 0.
        let assessment = try Self.score("scale_high: 3", "pick: never", "tags: [events]")
        let gamma = try Self.criterion("gamma", in: assessment)
        #expect(gamma.score == 0)
        #expect(gamma.contributions.map(\.kind) == [.question, .rule, .clamp])
        #expect(gamma.contributions.map(\.delta) == [10, -80, 70])
        #expect(gamma.contributions.last?.id == "min")
        #expect(gamma.band == "weak")
    }

    @Test("an adjustment to a criterion with no answers does not give it a score")
    func adjustmentWithoutAnswers() throws {
        let assessment = try Self.score("scale_high: 3", "flag_high: true")
        #expect(try Self.rule("boost_beta", in: assessment).fired)
        #expect(try Self.criterion("beta", in: assessment).score == nil)
    }

    // MARK: Overall, coverage, verdict

    @Test("the overall score weighs criteria by their weight, over the criteria that have a score")
    func overallIsWeighted() throws {
        // alpha 57.5 (weight 3); beta: hours 10 → 1, amount 20 → 1, pick sometimes → 0.25: 75 (weight 1);
        // delta: 3 on 1..3 → 100 (weight 2). (3 × 57.5 + 75 + 2 × 100) / 6 = 74.58 → 74.6.
        let assessment = try Self.score(
            "scale_high: 4", "scale_low: 2", "flag_low: true", "hours: 10", "amount: 20", "pick: sometimes", "delta_scale: 3")
        #expect(try Self.criterion("beta", in: assessment).score == 75)
        #expect(try Self.criterion("delta", in: assessment).score == 100)
        #expect(assessment.overall == 74.6)
        // Answered weight 4 + 3 + 4 = 11 of 15.
        #expect(assessment.coverage == 0.733)
        #expect(assessment.verdict == .keepInHouse)
        #expect(assessment.summary == "Keep it close.")
    }

    @Test("below min_coverage the verdict is inconclusive whatever the score, and the gaps are listed")
    func inconclusiveBelowMinimumCoverage() throws {
        // As above without delta_scale: 7 of 15 answered (0.467 < 0.5); overall (3 × 57.5 + 75) / 4 = 61.9.
        let assessment = try Self.score("scale_high: 4", "scale_low: 2", "flag_low: true", "hours: 10", "amount: 20", "pick: sometimes")
        #expect(assessment.overall == 61.9)
        #expect(assessment.coverage == 0.467)
        #expect(assessment.minimumCoverage == 0.5)
        #expect(assessment.verdict == .inconclusive)
        #expect(assessment.summary.contains("47%"))
        #expect(assessment.summary.contains("50%"))
        #expect(assessment.missing.map(\.id) == ["flag_high", "tags", "topics", "topics_low", "note", "delta_scale"])
        #expect(assessment.missing.allSatisfy { !$0.required })
    }

    @Test("coverage counts question weight, and text questions never count")
    func coverageIgnoresText() throws {
        let withNote = try Self.score("scale_high: 4", "note: Some words.")
        let without = try Self.score("scale_high: 4")
        // scale_high alone: 2 of 15.
        #expect(withNote.coverage == 0.133)
        #expect(without.coverage == withNote.coverage)
    }

    @Test("with enough coverage, each verdict band is reached by the score it covers", arguments: [
        // delta_scale 1 → 0 (weight 2) and the four alpha questions; overall = 3 × alpha / 5.
        ("scale_high: 1", "scale_low: 10", "flag_high: false", "flag_low: true", Verdict.outsource, 0.0),
        ("scale_high: 5", "scale_low: 0", "flag_high: true", "flag_low: true", Verdict.hybrid, 48.0),
    ])
    func verdictBands(_ a: String, _ b: String, _ c: String, _ d: String, _ verdict: Verdict, _ overall: Double) throws {
        let assessment = try Self.score(a, b, c, d, "delta_scale: 1")
        #expect(assessment.coverage == 0.6)
        #expect(assessment.overall == overall)
        #expect(assessment.verdict == verdict)
    }

    @Test("a firing veto decides the verdict over the bands, and the first veto in the file wins")
    func vetoOverridesBands() throws {
        let plain = try Self.score("scale_high: 5", "scale_low: 0", "flag_high: true", "flag_low: false", "delta_scale: 3", "note: words")
        #expect(plain.overall == 100)
        #expect(plain.verdict == .keepInHouse)

        let vetoed = try Self.score("scale_high: 5", "scale_low: 0", "flag_high: true", "flag_low: false", "delta_scale: 3", "note: veto")
        #expect(vetoed.overall == 100)
        #expect(vetoed.verdict == .outsource)
        #expect(vetoed.veto == "veto_outsource")
        #expect(try Self.rule("veto_keep", in: vetoed).fired, "the later veto fires too, but does not decide")
        #expect(vetoed.summary.contains("veto_outsource"))
        #expect(vetoed.flags.map(\.rule) == ["veto_outsource", "alpha_high"])
        #expect(vetoed.flags.first?.level == "critical")
    }

    @Test("a veto decides even when too little is answered to score")
    func vetoOverridesCoverage() throws {
        let assessment = try Self.score("scale_high: 1", "note: veto")
        #expect(assessment.coverage < assessment.minimumCoverage)
        #expect(assessment.verdict == .outsource)
    }

    // MARK: Rules

    @Test("rules after scoring read the final scores, overall and coverage, and fill them into explanations")
    func afterScoringRulesSeeScores() throws {
        let high = try Self.score("scale_high: 4", "scale_low: 2", "flag_low: true")
        let fired = try Self.rule("alpha_high", in: high)
        #expect(fired.fired)
        #expect(fired.explanation == "alpha 57.5, overall 57.5, coverage 0.27.")
        #expect(fired.values["scores.alpha"] == .double(57.5))
        #expect(high.flags.map(\.rule) == ["alpha_high"])

        let low = try Self.score("scale_high: 1")
        #expect(try Self.rule("alpha_high", in: low).fired == false)
        #expect(low.flags.isEmpty)
    }

    @Test("explanation placeholders show answers as the client reads them")
    func explanationPlaceholders() throws {
        let assessment = try Self.score("scale_high: 5", "flag_high: true", "pick: sometimes", "hours: 12.5", client: "Ana's Café")
        let rule = try Self.rule("boost_beta", in: assessment)
        #expect(rule.explanation == "flag_high is yes, pick is Now and then, scale_high is 5 (Always), hours is 12.5 hours, client is Ana's Café.")
        #expect(rule.values["answers.flag_high"] == .bool(true))
    }

    @Test("an answer's words count as the rubric's for yes or no, a choice, a point of a scale of a dozen or fewer and no answer; not for numbers, text, sets of choices or longer scales")
    func answerWordsFromTheRubric() throws {
        let assessment = try Self.score(
            "scale_high: 5", "flag_high: true", "pick: sometimes", "hours: 12.5", "tags: [photos]", "note: We post daily.")
        let fromRubric = Dictionary(uniqueKeysWithValues: assessment.answers.map { ($0.question, $0.displayIsFromRubric) })
        #expect(fromRubric["scale_high"] == true)
        #expect(fromRubric["flag_high"] == true)
        #expect(fromRubric["pick"] == true)
        #expect(fromRubric["scale_low"] == true, "not answered")
        #expect(fromRubric["hours"] == false)
        #expect(fromRubric["tags"] == false)
        #expect(fromRubric["note"] == false)
        // A scale of more than a dozen points is shown in words a report does not keep; a dozen is kept.
        let fixture = try String(contentsOf: fixture("scoring.yaml"), encoding: .utf8)
        for (maximum, kept) in [(13, false), (12, true)] {
            let longer = fixture.replacingOccurrences(of: "A 1..3 scale with weight 4.\n    type: scale\n    min: 1\n    max: 3",
                                                      with: "A longer scale.\n    type: scale\n    min: 1\n    max: \(maximum)")
            #expect(longer != fixture)
            let rubric = try loadRubric(longer)
            let text = "client:\n  name: Test Client\nanswers:\n  scale_high: 3\n  delta_scale: 9\n"
            let scored = Scorer.score(try checkQuestionnaire(text, against: rubric), with: rubric)
            #expect(scored.answers.first { $0.question == "delta_scale" }?.displayIsFromRubric == kept, "scale of \(maximum)")
        }
        // Not part of the JSON: decoded, it says false.
        let decoded = try JSONDecoder().decode(Assessment.self, from: try JSONEncoder().encode(assessment))
        #expect(decoded.answers.allSatisfy { !$0.displayIsFromRubric })
    }

    @Test("a placeholder for an unanswered question reads 'not answered'")
    func unansweredPlaceholder() throws {
        let rule = try Self.rule("boost_beta", in: try Self.score("scale_high: 4", "flag_high: true"))
        #expect(rule.explanation == "flag_high is yes, pick is not answered, scale_high is 4, hours is not answered, client is Test Client.")
    }

    @Test("a rule whose condition reads an unanswered question does not fire, and says why")
    func erroringRuleReportsItsError() throws {
        let assessment = try Self.score("scale_high: 4")
        let rule = try Self.rule("needs_hours", in: assessment)
        #expect(rule.fired == false)
        let error = try #require(rule.error)
        #expect(error.contains("hours"), "\(error)")
        #expect(rule.effect == nil)
        #expect(rule.values["answers.hours"] == .null)
        #expect(!assessment.actions.contains("Count the hours."))

        let answered = try Self.score("scale_high: 4", "hours: 30")
        #expect(try Self.rule("needs_hours", in: answered).fired)
        #expect(try Self.rule("needs_hours", in: answered).error == nil)
        #expect(answered.actions.first == "Count the hours.")
    }

    @Test("guarded rules that do not apply neither fire nor error")
    func guardedRulesStayQuiet() throws {
        let assessment = try Self.score("scale_high: 4")
        for id in ["boost_beta", "sink_gamma", "veto_outsource", "veto_keep"] {
            let rule = try Self.rule(id, in: assessment)
            #expect(rule.fired == false, "\(id)")
            #expect(rule.error == nil, "\(id): \(rule.error ?? "")")
        }
        #expect(assessment.rules.map(\.id) == ["boost_beta", "sink_gamma", "veto_outsource", "veto_keep", "alpha_high", "needs_hours"])
    }

    // MARK: The whole assessment

    @Test("the fixture questionnaire scores to the hand-worked figures")
    func fixtureQuestionnaire() throws {
        let rubric = try Self.rubric()
        let questionnaire = try checkQuestionnaire(bytes: fixtureBytes("scoring-answers.yaml"), path: "scoring-answers.yaml", against: rubric)
        let assessment = Scorer.score(questionnaire, with: rubric)
        // alpha 100 × (1.5 + 0.8 + 1 + 0) / 5 = 66; beta 75 + 30 → 100; gamma 100 × 2 / 3 = 66.7; delta unanswered.
        #expect(assessment.criteria.map(\.score) == [66, 100, 66.7, nil])
        #expect(assessment.criteria.map(\.band) == ["mixed", "strong", "mixed", nil])
        // (3 × 66 + 100 + 66.7) / 5 = 72.94
        #expect(assessment.overall == 72.9)
        #expect(assessment.coverage == 0.733)
        #expect(assessment.verdict == .keepInHouse)
        #expect(assessment.rules.filter(\.fired).map(\.id) == ["boost_beta", "alpha_high", "needs_hours"])
        #expect(assessment.actions == ["Count the hours.", "Alpha is mixed."])
        #expect(assessment.missing.map(\.id) == ["delta_scale"])
        #expect(assessment.rubric.id == "scoring-test")
        #expect(assessment.rubric.version == "0.0.1")
        #expect(assessment.rubric.sha256 == rubric.origin.sha256)
        #expect(assessment.questionnaire.path == "scoring-answers.yaml")
        #expect(assessment.questionnaire.assessedOn == "2026-01-15")
        #expect(assessment.client.employees == 3)
        #expect(assessment.schemaVersion == 1)
        #expect(assessment.generatedBy.name == "insource")
        let records = Dictionary(uniqueKeysWithValues: assessment.answers.map { ($0.question, $0) })
        #expect(records["pick"]?.display == "Every time")
        #expect(records["tags"]?.display == "Photos, Video")
        #expect(records["hours"]?.display == "30 hours")
        #expect(records["delta_scale"]?.display == "not answered")
        #expect(records["delta_scale"]?.answer == nil)
    }

    @Test("scoring is deterministic: twice over, the same bytes of JSON")
    func deterministic() throws {
        let bytes = try fixtureBytes("scoring-answers.yaml")
        let first = StableJSON.encode(Scorer.score(try checkQuestionnaire(bytes: bytes, path: "a.yaml", against: try Self.rubric()), with: try Self.rubric()))
        let second = StableJSON.encode(Scorer.score(try checkQuestionnaire(bytes: bytes, path: "a.yaml", against: try Self.rubric()), with: try Self.rubric()))
        #expect(first == second)
        #expect(first.contains("\"schema_version\" : 1"))

        let rubric = try loadRubric(path: shippedRubricPath)
        for file in ShippedRubricTests.exampleFiles {
            let example = try Array(Data(contentsOf: URL(fileURLWithPath: examplePath(file))))
            let runs = try (0..<3).map { _ in
                StableJSON.encode(Scorer.score(try checkQuestionnaire(bytes: example, path: file, against: rubric), with: rubric))
            }
            #expect(Set(runs).count == 1, "\(file)")
        }
    }

    @Test("the complete short example in Rubrics/README.md loads and scores as the README works it out")
    func readmeShortExample() throws {
        let readme = try String(contentsOf: packageRoot.appendingPathComponent("Rubrics/README.md"), encoding: .utf8)
        let rubricText = try #require(Self.yamlBlock(after: "## A complete short example", in: readme))
        let questionnaireText = try #require(Self.yamlBlock(after: "A questionnaire for the short example above", in: readme))
        let rubric = try loadRubric(rubricText, path: "bookkeeping-lite.yaml")
        #expect(rubric.id == "bookkeeping-lite")
        let assessment = Scorer.score(try checkQuestionnaire(questionnaireText, against: rubric), with: rubric)
        #expect(try Self.criterion("daily_use", in: assessment).score == 50)
        #expect(try Self.criterion("complexity", in: assessment).score == 41.7)
        #expect(assessment.overall == 46.7)
        #expect(assessment.verdict == .hybrid)
        #expect(assessment.rules.filter(\.fired).map(\.id) == ["split_the_work"])
    }

    /// The first ```yaml block after `marker`.
    static func yamlBlock(after marker: String, in text: String) -> String? {
        guard let start = text.range(of: marker),
            let open = text.range(of: "```yaml\n", range: start.upperBound..<text.endIndex),
            let close = text.range(of: "```", range: open.upperBound..<text.endIndex)
        else { return nil }
        return String(text[open.upperBound..<close.lowerBound])
    }
}
