import RuleExpressions

/// Fills an expression activation with what rules may read: answers, client fields, then scores.
enum RuleInputs {
    static func activation(for questionnaire: Questionnaire, rubric: Rubric) -> Activation {
        let environment = rubric.environment
        var activation = Activation(slotCount: environment.slotCount)
        for (id, answer) in questionnaire.answers {
            if let slot = environment.slot("answers", field: id) { activation[slot] = value(of: answer) }
        }
        let client = questionnaire.client
        let fields: [(String, Value?)] = [
            ("id", client.id.map(Value.string)), ("name", .string(client.name)), ("owner", client.owner.map(Value.string)),
            ("email", client.email.map(Value.string)), ("industry", client.industry.map(Value.string)),
            ("employees", client.employees.map { .int(Int64($0)) }), ("website", client.website.map(Value.string)),
            ("location", client.location.map(Value.string)),
        ]
        for (field, value) in fields {
            if let slot = environment.slot("client", field: field) { activation[slot] = value }
        }
        return activation
    }

    static func setScores(_ criteria: [CriterionResult], overall: Double?, coverage: Double, in activation: inout Activation, rubric: Rubric) {
        let environment = rubric.environment
        for criterion in criteria {
            if let slot = environment.slot("scores", field: criterion.id) { activation[slot] = criterion.score.map(Value.double) }
        }
        if let slot = environment.slot("overall") { activation[slot] = overall.map(Value.double) }
        if let slot = environment.slot("coverage") { activation[slot] = .double(coverage) }
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

    static func evaluate(_ rule: Rule, _ activation: Activation, rubric: Rubric, answers: [String: Answer]) -> RuleOutcome {
        let values = rule.when.references.map { reference in
            let name = reference.field.map { "\(reference.variable).\($0)" } ?? reference.variable
            let slot = rubric.environment.slot(reference.variable, field: reference.field)
            return (name, slot.flatMap { activation[$0] })
        }
        let explanation = rule.explanation.map { fillPlaceholders($0, activation, rubric, answers) }
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
        for (name, value) in values { byName[name] = value.map(RuleOutcome.json) ?? .null }
        return RuleResult(
            id: rule.id, when: rule.when.source, fired: fired, effect: effect,
            explanation: explanation, values: byName, error: error)
    }

    /// Replaces `{answers.x}` with the value read, so an explanation shows why the rule fired.
    /// Answers show as the client reads them (a choice's label); other names show their value.
    private static func fillPlaceholders(_ text: String, _ activation: Activation, _ rubric: Rubric, _ answers: [String: Answer]) -> String {
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
