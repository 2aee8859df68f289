import RuleExpressions

/// Fills an expression activation with what rules may read: answers, client fields, then scores.
enum RuleInputs {
    static func activation(for questionnaire: Questionnaire, rubric: Rubric) -> Activation {
        activation(answered: questionnaire.answers(inOrderOf: rubric), client: questionnaire.client, rubric: rubric)
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
