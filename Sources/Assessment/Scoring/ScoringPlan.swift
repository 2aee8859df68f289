import RuleExpressions

/// What scoring needs to know about a rubric, worked out once when the rubric is built rather than per questionnaire:
/// where each question stands, the activation slot of every name rules read, and each rule's explanation split
/// into text and placeholders.
///
/// `Rubric` rebuilds it whenever the parts it derives from change, so it always agrees with them.
struct ScoringPlan: Sendable {
    /// Tells this plan from any other, so that answers put in the order of its questions are known to fit it.
    final class Identity: Sendable {}

    let identity = Identity()
    /// Question id to its index in `Rubric.questions` (the first, should ids repeat).
    var questionIndex: [String: Int] = [:]
    /// No two questions share an id (as the loader makes sure), so a question is known by its position alone.
    var questionIDsAreUnique = true
    /// Per question, the slot of `answers.<id>`.
    var answerSlots: [Int?] = []
    /// Per `RuleNames.clientFields` entry, the slot of `client.<field>`.
    var clientSlots: [Int?] = []
    /// Per criterion, the slot of `scores.<id>`.
    var scoreSlots: [Int?] = []
    /// Per question, how its answers read.
    var answerTexts: [AnswerTexts] = []
    /// Per criterion, the positions of its questions in `Rubric.questions`.
    var criterionQuestions: [[Int]] = []
    /// Per criterion, the adjustments rules make to it: in the order of the rules, then of each rule's adjustments.
    var criterionAdjustments: [[(rule: Int, points: Double)]] = []
    /// The weight of all scored (not text) questions, summed in the rubric's order.
    var scoredWeight = 0.0
    var overallSlot: Int?
    var coverageSlot: Int?
    /// Per rule, in `Rubric.rules` order.
    var rules: [RulePlan] = []

    init() {}

    init(questions: [Question], criteria: [Criterion], rules: [Rule], environment: Environment) {
        for (index, question) in questions.enumerated() where questionIndex[question.id] == nil {
            questionIndex[question.id] = index
        }
        questionIDsAreUnique = questionIndex.count == questions.count
        answerSlots = questions.map { environment.slot("answers", field: $0.id) }
        clientSlots = RuleNames.clientFields.map { environment.slot("client", field: $0.name) }
        answerTexts = questions.map(AnswerTexts.init)
        scoreSlots = criteria.map { environment.slot("scores", field: $0.id) }
        criterionQuestions = criteria.map { criterion in questions.indices.filter { questions[$0].criterion == criterion.id } }
        criterionAdjustments = criteria.map { criterion in
            rules.indices.flatMap { rule in
                rules[rule].adjustments.filter { $0.criterion == criterion.id }.map { (rule, $0.points) }
            }
        }
        scoredWeight = questions.filter(\.isScored).reduce(0) { $0 + $1.weight }
        overallSlot = environment.slot("overall")
        coverageSlot = environment.slot("coverage")
        // Last: the rules' explanations read what is worked out above.
        let explanationPlan = self
        self.rules = rules.map { rule in
            RulePlan(rule, environment: environment, questions: questions, plan: explanationPlan)
        }
    }
}

/// One rule's part of the plan. A class, so that scoring reads it in place rather than copying its fields per rule.
final class RulePlan: Sendable {
    /// `RuleResult.values` before a questionnaire's values go in: every name the condition reads, mapped to null.
    let blankValues: [String: JSONValue]
    /// Where in `blankValues` each name's value goes, with the slot it is read from.
    let valueSlots: [(position: Dictionary<String, JSONValue>.Index, slot: Int)]
    let explanation: ExplanationTemplate?
    /// `RuleResult.effect` when the rule fires.
    let effect: RuleEffect
    /// What stands in the results for a rule that runs after scoring until it has run: not fired.
    let pending: RuleResult

    init(_ rule: Rule, environment: Environment, questions: [Question], plan: ScoringPlan) {
        // Should a name repeat, its last reference gives the value, as when the values were set one by one.
        var slots: [String: Int?] = [:]
        for reference in rule.when.references {
            slots.updateValue(environment.slot(reference.variable, field: reference.field), forKey: reference.description)
        }
        var blankValues: [String: JSONValue] = [:]
        for name in slots.keys { blankValues[name] = .null }
        var valueSlots: [(position: Dictionary<String, JSONValue>.Index, slot: Int)] = []
        for (name, slot) in slots {
            if let slot, let position = blankValues.index(forKey: name) { valueSlots.append((position, slot)) }
        }
        self.blankValues = blankValues
        self.valueSlots = valueSlots
        explanation = rule.explanation.map { ExplanationTemplate($0, questions: questions, plan: plan, environment: environment) }
        effect = RuleOutcome.effect(of: rule)
        pending = RuleResult(id: rule.id, when: rule.when.source, fired: false, effect: nil, explanation: nil, values: [:], error: nil)
    }
}
