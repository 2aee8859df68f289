import RuleExpressions

/// Fills an expression activation with what rules may read: answers, client fields, then scores.
enum RuleInputs {
    static func activation(for questionnaire: Questionnaire, rubric: Rubric) -> Activation {
        activation(answered: rubric.questions.map { questionnaire.answers[$0.id] }, client: questionnaire.client, rubric: rubric)
    }

    /// `answered` holds each question's answer in the rubric's order.
    static func activation(answered: [Answer?], client: Client, rubric: Rubric) -> Activation {
        let plan = rubric.plan
        var activation = Activation(slotCount: rubric.environment.slotCount)
        for (slot, answer) in zip(plan.answerSlots, answered) {
            if let slot, let answer { activation[slot] = value(of: answer) }
        }
        // In the order of RuleNames.clientFields, which plan.clientSlots follows.
        let fields: [Value?] = [
            client.id.map(Value.string), .string(client.name), client.owner.map(Value.string),
            client.email.map(Value.string), client.industry.map(Value.string),
            client.employees.map { .int(Int64($0)) }, client.website.map(Value.string),
            client.location.map(Value.string),
        ]
        for (slot, value) in zip(plan.clientSlots, fields) {
            if let slot { activation[slot] = value }
        }
        return activation
    }

    static func setScores(_ criteria: [CriterionResult], overall: Double?, coverage: Double, in activation: inout Activation, rubric: Rubric) {
        let plan = rubric.plan
        for (index, criterion) in criteria.enumerated() {
            // The results follow the rubric's criteria; look a stray one up by id.
            let slot = index < rubric.criteria.count && rubric.criteria[index].id == criterion.id
                ? plan.scoreSlots[index] : rubric.environment.slot("scores", field: criterion.id)
            if let slot { activation[slot] = criterion.score.map(Value.double) }
        }
        if let slot = plan.overallSlot { activation[slot] = overall.map(Value.double) }
        if let slot = plan.coverageSlot { activation[slot] = .double(coverage) }
    }

    static func value(of answer: Answer) -> Value {
        switch answer {
        case .scale(let value): return .int(Int64(value))
        case .boolean(let value): return .bool(value)
        case .number(let value): return .double(value)
        case .choice(let value), .text(let value): return .string(value)
        case .multiChoice(let values): return .list(values.map(Value.string))
        }
    }
}

/// What evaluating one rule's condition gave, with the values it read.
struct RuleOutcome {
    var fired: Bool
    var error: String?
    var values: [(name: String, value: Value?)]
    var explanation: String?

    static func evaluate(
        _ rule: Rule, _ plan: RulePlan, _ activation: Activation, rubric: Rubric, answers: [String: Answer], answered: [Answer?]
    ) -> RuleOutcome {
        let values = plan.references.map { reference in (reference.name, reference.slot.flatMap { activation[$0] }) }
        let explanation = plan.explanation.map { $0.fill(activation, rubric, answers, answered: answered) }
        switch rule.when.evaluate(activation) {
        case .bool(let fired):
            return RuleOutcome(fired: fired, values: values, explanation: explanation)
        case .error(let error):
            return RuleOutcome(fired: false, error: error.message, values: values, explanation: explanation)
        case let other:
            return RuleOutcome(
                fired: false, error: "the condition gave \(other.typeName), not true or false", values: values,
                explanation: explanation)
        }
    }

    func result(for rule: Rule) -> RuleResult {
        var effect: RuleEffect?
        if fired {
            effect = RuleEffect(
                adjust: rule.adjustments.isEmpty ? nil : Dictionary(rule.adjustments.map { ($0.criterion, $0.points) }, uniquingKeysWith: +),
                flag: rule.flag.map { FlagResult(rule: rule.id, level: $0.level.rawValue, message: $0.message) },
                veto: rule.veto, advice: rule.advice)
        }
        var byName: [String: JSONValue] = [:]
        byName.reserveCapacity(values.count)
        for (name, value) in values { byName[name] = value.map(RuleOutcome.json) ?? .null }
        return RuleResult(
            id: rule.id, when: rule.when.source, fired: fired, effect: effect,
            explanation: explanation, values: byName, error: error)
    }

    /// Replaces `{answers.x}` with the value read, so an explanation shows why the rule fired.
    /// Answers show as the client reads them (a choice's label); other names show their value.
    /// `ExplanationTemplate` gives the same text faster, and falls back on this where it could not.
    static func fillPlaceholders(_ text: String, _ activation: Activation, _ rubric: Rubric, _ answers: [String: Answer]) -> String {
        var out = text
        for name in Placeholders.names(in: text) {
            let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
            guard let variable = parts.first else { continue }
            let field = parts.count == 2 ? parts[1] : nil
            let shown: String
            if variable == "answers", let field, let question = rubric.question(field), let answer = answers[field] {
                shown = question.display(answer)
            } else {
                let slot = rubric.environment.slot(variable, field: field)
                shown = slot.flatMap { activation[$0] }.map(words) ?? "not answered"
            }
            out = out.replacing("{\(name)}", with: shown)
        }
        return out
    }

    static func words(_ value: Value) -> String {
        switch value {
        case .string(let text): return text
        case .double(let number): return NumberText.format(number)
        case .list(let items): return items.map(words).joined(separator: ", ")
        case .bool(let flag): return flag ? "yes" : "no"
        default: return value.description
        }
    }

    static func json(_ value: Value) -> JSONValue {
        switch value {
        case .bool(let flag): return .bool(flag)
        case .int(let number): return .int(Int(number))
        case .uint(let number): return Int(exactly: number).map(JSONValue.int) ?? .double(Double(number))
        case .double(let number): return .double(number)
        case .string(let text): return .string(text)
        case .list(let items): return .array(items.map(json))
        default: return .string(value.description)
        }
    }
}
