@testable import Assessment
import Testing

/// Explanations are filled in from templates split once per rubric; the text must be exactly what replacing each
/// placeholder's name in turn gives (`RuleOutcome.fillPlaceholders`), however odd the explanation or the answers.
@Suite("Explanation templates")
struct ExplanationTemplateTests {
    /// Explanations with placeholders side by side, repeated, next to stray or unmatched braces, and with
    /// braces that join a combining mark (which the general replacement must handle).
    static let explanations = [
        "{answers.note}{answers.channel}{client.name}",
        "note: {answers.note}, channel: {answers.channel}, client: {client.name}.",
        "twice {answers.note} and {answers.note} again",
        "a stray } before {answers.note} and an unmatched { after",
        "scores {scores.voice}/{scores.speed}, overall {overall}, coverage {coverage}",
        "{answers.note}\\u0301 follows a brace",
        "\\u0600{answers.note} precedes a brace",
        "caf\\u00e9 {answers.known_by_name} {answers.posts_inside} {answers.reply_hours}",
    ]

    /// Notes and client names that end in, start with or hold braces, combining marks and non-ASCII letters.
    static let texts = [
        "plain", "", "Caf\\u00e9", "\\u00e9cole", "has {answers.channel} inside", "{answers.note}", "a } brace",
        "a { brace", "\\u0301combining first", "prepend last \\u0600", "{", "}", "e\\u0301", "\\u00e9",
    ]

    static func rubric() throws -> Rubric {
        let rules = explanations.enumerated().map { index, text in
            // Every other rule reads coverage, so it runs after scoring and its explanation can show scores.
            let when = index % 2 == 0 ? "has(answers.note)" : "has(answers.note) && coverage >= 0.0"
            return "  - id: rule_\(index)\n    when: \(when)\n    advice: Look.\n    explanation: \"\(text)\"\n"
        }.joined()
        let note = "  - id: note\n    criterion: voice\n    prompt: Anything else?\n    type: text\nrules:\n"
        let text = minimalRubric(replacing: "rules:\n", with: note) + rules
        return try loadRubric(text)
    }

    @Test("a template fills in exactly what replacing each placeholder in turn gives", arguments: texts)
    func sameAsReplacing(_ text: String) throws {
        let rubric = try Self.rubric()
        for name in Self.texts {
            let yaml = """
                client: {name: "\(name.isEmpty ? "x" : name)"}
                answers: {known_by_name: 4, posts_inside: true, reply_hours: 2.5, channel: chat, note: "\(text)"}
                """
            let questionnaire = try checkQuestionnaire(yaml, against: rubric)
            let assessment = Scorer.score(questionnaire, with: rubric)
            let before = RuleInputs.activation(for: questionnaire, rubric: rubric)
            var after = before
            RuleInputs.setScores(
                assessment.criteria, overall: assessment.overall, coverage: assessment.coverage, in: &after, rubric: rubric)
            for (index, rule) in rubric.rules.enumerated() {
                guard let explanation = rule.explanation else { continue }
                let activation = rule.runsAfterScoring ? after : before
                let expected = RuleOutcome.fillPlaceholders(explanation, activation, rubric, questionnaire.answers)
                let template = try #require(rubric.plan.rules[index].explanation)
                let answered = rubric.questions.map { questionnaire.answers[$0.id] }
                #expect(template.fill(activation, rubric, questionnaire.answers, answered: answered) == expected, "\(rule.id) with note \(text)")
                #expect(assessment.rules[index].explanation == expected, "\(rule.id) with note \(text)")
            }
        }
    }

    @Test("a brace joined to a neighbouring scalar leaves the explanation to the general replacement")
    func joinedBraces() throws {
        let rubric = try Self.rubric()
        let split = rubric.plan.rules.compactMap { $0.explanation.map { $0.layout != nil } }
        #expect(split == [true, true, true, true, true, false, false, true])
    }

    @Test("every explanation of the shipped rubric is split into pieces")
    func shippedRubricSplits() throws {
        let rubric = try loadRubric(path: shippedRubricPath)
        for (rule, plan) in zip(rubric.rules, rubric.plan.rules) where rule.explanation != nil {
            #expect(plan.explanation?.layout != nil, "\(rule.id)")
        }
    }

    @Test("editing a rubric's parts rebuilds its plan")
    func planFollowsEdits() throws {
        var rubric = try Self.rubric()
        rubric.questions.swapAt(0, 1)
        #expect(rubric.question("known_by_name")?.id == "known_by_name")
        #expect(rubric.plan.questionIndex["known_by_name"] == 1)
        rubric.rules.removeFirst()
        #expect(rubric.plan.rules.count == rubric.rules.count)
    }

    /// Labels that hold braces and placeholders, start with a combining mark or end with a prepended one.
    static let labels = ["Live chat", "{answers.posts_inside}", "\\u0301joined", "ends \\u0600", "caf\\u00e9", "{", "}", ""]

    /// Explanations that show only a choice, a yes or no and a short scale, side by side and repeated.
    static let fewAnswerExplanations = [
        "{answers.pick}{answers.posts_inside}", "{answers.posts_inside}: {answers.pick}, {answers.known_by_name}",
        "{answers.pick} and {answers.pick}{answers.known_by_name}", "\\u0600{answers.pick}",
    ]

    static func fewAnswersRubric() throws -> Rubric {
        let choices = labels.enumerated().map { "      - {value: c\($0.offset), label: \"\($0.element)\", points: 0.5}\n" }.joined()
        let pick = "  - id: pick\n    criterion: voice\n    prompt: Pick one.\n    type: choice\n    choices:\n\(choices)rules:\n"
        let rules = fewAnswerExplanations.enumerated().map { index, text in
            "  - id: few_\(index)\n    when: has(answers.pick)\n    advice: Look.\n    explanation: \"\(text)\"\n"
        }.joined()
        return try loadRubric(minimalRubric(replacing: "rules:\n", with: pick) + rules)
    }

    @Test("a template of few possible answers gives, for any answers, what replacing each placeholder in turn gives")
    func fewAnswerTables() throws {
        let rubric = try Self.fewAnswersRubric()
        let few = rubric.rules.indices.filter { rubric.rules[$0].id.hasPrefix("few_") }
        let tables = few.map { rubric.plan.rules[$0].explanation?.table }
        #expect(tables.map { $0 != nil } == [true, true, true, false], "the last has a brace after a non-ASCII scalar")
        let positions = ["pick", "posts_inside", "known_by_name"].map { id in rubric.questions.firstIndex { $0.id == id } ?? 0 }
        let picks: [Answer?] = [nil] + Self.labels.indices.map { .choice("c\($0)") } + [.choice("unknown"), .text("c0")]
        let flags: [Answer?] = [nil, .boolean(false), .boolean(true), .scale(1)]
        let scales: [Answer?] = [nil] + (0...6).map { .scale($0) } + [.number(2)]
        for pick in picks {
            for flag in flags {
                for scale in scales {
                    var answered = [Answer?](repeating: nil, count: rubric.questions.count)
                    (answered[positions[0]], answered[positions[1]], answered[positions[2]]) = (pick, flag, scale)
                    var answers: [String: Answer] = [:]
                    for (question, answer) in zip(rubric.questions, answered) { answers[question.id] = answer }
                    let activation = RuleInputs.activation(answered: answered, client: Client(name: "A"), rubric: rubric)
                    for index in few {
                        let expected = RuleOutcome.fillPlaceholders(rubric.rules[index].explanation ?? "", activation, rubric, answers)
                        let template = try #require(rubric.plan.rules[index].explanation)
                        #expect(template.fill(activation, rubric, answers, answered: answered) == expected, "\(String(describing: (pick, flag, scale)))")
                    }
                }
            }
        }
    }
}
