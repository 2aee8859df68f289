// Optional values are written as explicit nulls (synthesised Codable would drop the key), so readers
// of the JSON always find every documented key: `"veto": null` says "no veto", not "unknown".

extension Assessment {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(schemaVersion, forKey: .schemaVersion)
        try container.encode(client, forKey: .client)
        try container.encode(rubric, forKey: .rubric)
        try container.encode(questionnaire, forKey: .questionnaire)
        try container.encode(criteria, forKey: .criteria)
        try container.encode(overall, forKey: .overall)
        try container.encode(verdict, forKey: .verdict)
        try container.encode(summary, forKey: .summary)
        try container.encode(veto, forKey: .veto)
        try container.encode(rules, forKey: .rules)
        try container.encode(flags, forKey: .flags)
        try container.encode(actions, forKey: .actions)
        try container.encode(coverage, forKey: .coverage)
        try container.encode(minimumCoverage, forKey: .minimumCoverage)
        try container.encode(missing, forKey: .missing)
        try container.encode(answers, forKey: .answers)
        try container.encode(generatedBy, forKey: .generatedBy)
    }
}

extension CriterionResult {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(title, forKey: .title)
        try container.encode(weight, forKey: .weight)
        try container.encode(score, forKey: .score)
        try container.encode(band, forKey: .band)
        try container.encode(contributions, forKey: .contributions)
        try container.encode(meaning, forKey: .meaning)
        try container.encode(whyInHouse, forKey: .whyInHouse)
        try container.encode(advice, forKey: .advice)
    }
}

extension RuleResult {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(when, forKey: .when)
        try container.encode(fired, forKey: .fired)
        try container.encode(effect, forKey: .effect)
        try container.encode(explanation, forKey: .explanation)
        try container.encode(values, forKey: .values)
        try container.encode(error, forKey: .error)
    }
}

extension QuestionnaireReference {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(path, forKey: .path)
        try container.encode(sha256, forKey: .sha256)
        try container.encode(assessedOn, forKey: .assessedOn)
        try container.encode(assessor, forKey: .assessor)
        try container.encode(notes, forKey: .notes)
    }
}
