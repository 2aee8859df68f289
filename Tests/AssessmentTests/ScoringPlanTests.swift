@testable import Assessment
import RuleExpressions
import Testing

/// What the scoring plan works out once per rubric must be what working it out per questionnaire gives.
/// Each check recomputes a part of the assessment the direct way, over a few hundred random questionnaires.
@Suite("Scoring plan")
struct ScoringPlanTests {
    static func scored(count: Int = 300) throws -> (Rubric, [(Questionnaire, Assessment)]) {
        let rubric = try loadRubric(path: shippedRubricPath)
        var generator = RandomQuestionnaires(rubric: rubric, seed: 7)
        let scored = try (1...count).map { number in
            let text = generator.next(number: number)
            let questionnaire = try checkQuestionnaire(bytes: Array(text.utf8), path: "random-\(number).yaml", against: rubric)
            return (questionnaire, Scorer.score(questionnaire, with: rubric))
        }
        return (rubric, scored)
    }

    @Test("a rule's values and effect are what reading each name and the rule directly gives")
    func ruleValuesAndEffects() throws {
        let (rubric, scored) = try Self.scored()
        for (questionnaire, assessment) in scored {
            var activation = RuleInputs.activation(for: questionnaire, rubric: rubric)
            RuleInputs.setScores(
                assessment.criteria, overall: assessment.overall, coverage: assessment.coverage, in: &activation, rubric: rubric)
            for (rule, result) in zip(rubric.rules, assessment.rules) {
                var values: [String: JSONValue] = [:]
                for reference in rule.when.references {
                    let slot = rubric.environment.slot(reference.variable, field: reference.field)
                    values[reference.description] = slot.flatMap { activation[$0] }.map(RuleOutcome.json) ?? .null
                }
                #expect(result.values == values, "\(rule.id)")
                #expect(result.effect?.adjust == (result.fired && !rule.adjustments.isEmpty
                    ? Dictionary(rule.adjustments.map { ($0.criterion, $0.points) }, uniquingKeysWith: +) : nil))
                #expect(result.effect?.flag?.message == (result.fired ? rule.flag?.message : nil))
                #expect(result.effect?.advice == (result.fired ? rule.advice : nil))
                #expect(result.effect?.veto == (result.fired ? rule.veto : nil))
            }
        }
    }

    @Test("answers read as Question.display writes them, odd answers too")
    func answerTexts() throws {
        let (rubric, scored) = try Self.scored()
        for (questionnaire, assessment) in scored {
            for (question, record) in zip(rubric.questions, assessment.answers) {
                #expect(record.display == questionnaire.answers[question.id].map(question.display) ?? "not answered")
            }
        }
        let odd: [Answer] = [
            .scale(-1), .scale(0), .scale(1), .scale(3), .scale(5), .scale(6), .scale(1000), .number(2.5), .number(-3),
            .number(1e12), .boolean(true), .choice("x"), .multiChoice([]), .text("t"),
        ]
        for (question, texts) in zip(rubric.questions, rubric.plan.answerTexts) {
            for answer in odd {
                #expect(texts.display(answer, of: question) == question.display(answer), "\(question.id) \(answer)")
            }
        }
    }

    @Test("answers kept in the rubric's order serve only the rubric they were checked against, and only until changed")
    func answersInRubricOrder() throws {
        let (rubric, scored) = try Self.scored(count: 20)
        var reordered = rubric
        reordered.questions.reverse()
        for (questionnaire, _) in scored {
            #expect(questionnaire.answersInRubricOrder != nil)
            #expect(questionnaire.answers(inOrderOf: rubric) == rubric.questions.map { questionnaire.answers[$0.id] })
            #expect(questionnaire.answers(inOrderOf: reordered) == reordered.questions.map { questionnaire.answers[$0.id] })
            var changed = questionnaire
            let id = rubric.questions[0].id
            changed.answers[id] = changed.answers[id] == nil ? .boolean(true) : nil
            #expect(changed.answersInRubricOrder == nil)
            #expect(changed.answers(inOrderOf: rubric) == rubric.questions.map { changed.answers[$0.id] })
        }
    }

    @Test("answers listed in any order check to the same answers")
    func answersInAnyOrder() throws {
        let rubric = try loadRubric(path: shippedRubricPath)
        var generator = RandomQuestionnaires(rubric: rubric, seed: 5)
        for number in 1...50 {
            let lines = generator.next(number: number).split(separator: "\n", omittingEmptySubsequences: false)
            let start = try #require(lines.firstIndex(of: "answers:")) + 1
            let end = lines[start...].firstIndex { !$0.hasPrefix("  ") } ?? lines.endIndex
            let shuffled = lines[..<start] + lines[start..<end].reversed() + lines[end...]
            let inOrder = try checkQuestionnaire(bytes: Array(lines.joined(separator: "\n").utf8), path: "a.yaml", against: rubric)
            let reversed = try checkQuestionnaire(bytes: Array(shuffled.joined(separator: "\n").utf8), path: "a.yaml", against: rubric)
            #expect(reversed.answers == inOrder.answers)
            #expect(reversed.answers(inOrderOf: rubric) == inOrder.answers(inOrderOf: rubric))
        }
    }
}
