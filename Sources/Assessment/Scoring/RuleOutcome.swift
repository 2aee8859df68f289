import RuleExpressions

/// Evaluates one rule's condition against a questionnaire's activation and reports it, with the values it read.
enum RuleOutcome {
    static func evaluate(
        _ rule: Rule, _ plan: RulePlan, _ activation: Activation, rubric: Rubric, answers: [String: Answer], answered: [Answer?]
    ) -> RuleResult {
        // A copy of the plan's dictionary, filled in by position: no name is hashed per questionnaire.
        var values = plan.blankValues
        for (position, slot) in plan.valueSlots {
            if let value = activation[slot] { values.values[position] = json(value) }
        }
        let explanation = plan.explanation.map { $0.fill(activation, rubric, answers, answered: answered) }
        let fired: Bool
        let error: String?
        switch rule.when.evaluate(activation) {
        case .bool(let value):
            (fired, error) = (value, nil)
        case .error(let failure):
            (fired, error) = (false, failure.message)
        case let other:
            (fired, error) = (false, "the condition gave \(other.typeName), not true or false")
        }
        return RuleResult(
            id: rule.id, when: rule.when.source, fired: fired, effect: fired ? plan.effect : nil,
            explanation: explanation, values: values, error: error)
    }

    /// What a rule does when it fires, the same for every questionnaire.
    static func effect(of rule: Rule) -> RuleEffect {
        RuleEffect(
            adjust: rule.adjustments.isEmpty ? nil : Dictionary(rule.adjustments.map { ($0.criterion, $0.points) }, uniquingKeysWith: +),
            flag: rule.flag.map { FlagResult(rule: rule.id, level: $0.level.rawValue, message: $0.message) },
            veto: rule.veto, advice: rule.advice)
    }

    /// Replaces `{answers.x}` with the value read, so an explanation shows why the rule fired.
    /// Answers show as the client reads them (a choice's label); other names show their value.
    /// `ExplanationTemplate` gives the same text faster, and falls back on this where it could not.
    static func fillPlaceholders(_ text: String, _ activation: Activation, _ rubric: Rubric, _ answers: [String: Answer]) -> String {
        replacingPlaceholders(text) { variable, field in
            if variable == "answers", let field, let question = rubric.question(field), let answer = answers[field] {
                return question.display(answer)
            }
            let slot = rubric.environment.slot(variable, field: field)
            return slot.flatMap { activation[$0] }.map(words) ?? "not answered"
        }
    }

    /// Replaces each placeholder's name in turn, wherever it occurs, with what `shown` gives for its variable and field.
    static func replacingPlaceholders(_ text: String, shown: (_ variable: String, _ field: String?) -> String) -> String {
        var out = text
        for name in Placeholders.names(in: text) {
            let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
            guard let variable = parts.first else { continue }
            out = out.replacing("{\(name)}", with: shown(variable, parts.count == 2 ? parts[1] : nil))
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
