import RuleExpressions

/// Turns a checked questionnaire into an assessment under its rubric. Pure and deterministic.
public enum Scorer {
    public static func score(_ questionnaire: Questionnaire, with rubric: Rubric) -> Assessment {
        var activation = RuleInputs.activation(for: questionnaire, rubric: rubric)
        var outcomes: [String: RuleOutcome] = [:]
        for rule in rubric.rules where !rule.runsAfterScoring {
            outcomes[rule.id] = RuleOutcome.evaluate(rule, activation, rubric: rubric, answers: questionnaire.answers)
        }
        let firedAdjustments = rubric.rules.filter { outcomes[$0.id]?.fired == true }
        let criteria = rubric.criteria.map { criterion in
            CriterionScorer.score(criterion, questionnaire: questionnaire, rubric: rubric, rules: firedAdjustments)
        }
        let overall = weightedOverall(criteria)
        let coverage = coverage(of: questionnaire, rubric: rubric)
        RuleInputs.setScores(criteria, overall: overall, coverage: coverage, in: &activation, rubric: rubric)
        for rule in rubric.rules where rule.runsAfterScoring {
            outcomes[rule.id] = RuleOutcome.evaluate(rule, activation, rubric: rubric, answers: questionnaire.answers)
        }
        let results = rubric.rules.compactMap { rule in outcomes[rule.id].map { $0.result(for: rule) } }
        let vetoRule = rubric.rules.first { $0.veto != nil && outcomes[$0.id]?.fired == true }
        let verdict = decide(veto: vetoRule, overall: overall, coverage: coverage, rubric: rubric)

        return Assessment(
            schemaVersion: Assessment.currentSchemaVersion,
            client: questionnaire.client,
            rubric: RubricReference(id: rubric.id, title: rubric.title, version: rubric.version, sha256: rubric.origin.sha256),
            questionnaire: QuestionnaireReference(
                path: questionnaire.path, sha256: questionnaire.sha256, assessedOn: questionnaire.assessedOn,
                assessor: questionnaire.assessor, notes: questionnaire.notes),
            criteria: criteria,
            overall: overall,
            verdict: verdict.verdict,
            summary: verdict.summary,
            veto: vetoRule?.id,
            rules: results,
            flags: results.compactMap { $0.fired ? $0.effect?.flag : nil },
            actions: actions(results: results, criteria: criteria),
            coverage: NumberText.round(coverage, places: 3),
            minimumCoverage: rubric.minimumCoverage,
            missing: rubric.questions.filter { questionnaire.answers[$0.id] == nil }.map {
                MissingQuestion(id: $0.id, criterion: $0.criterion, prompt: $0.prompt, required: $0.required)
            },
            answers: rubric.questions.map { question in
                let answer = questionnaire.answers[question.id]
                return AnswerRecord(
                    question: question.id, criterion: question.criterion, prompt: question.prompt,
                    answer: answer.map(JSONValue.init), display: answer.map(question.display) ?? "not answered")
            },
            generatedBy: .current)
    }

    private static func weightedOverall(_ criteria: [CriterionResult]) -> Double? {
        let scored = criteria.filter { $0.score != nil }
        let weight = scored.reduce(0) { $0 + $1.weight }
        guard weight > 0 else { return nil }
        let sum = scored.reduce(0) { $0 + $1.weight * ($1.score ?? 0) }
        return NumberText.round(sum / weight, places: 1)
    }

    /// Answered scored weight over all scored weight.
    static func coverage(of questionnaire: Questionnaire, rubric: Rubric) -> Double {
        let scored = rubric.questions.filter(\.isScored)
        let total = scored.reduce(0) { $0 + $1.weight }
        guard total > 0 else { return 0 }
        return scored.filter { questionnaire.answers[$0.id] != nil }.reduce(0) { $0 + $1.weight } / total
    }

    private static func decide(veto: Rule?, overall: Double?, coverage: Double, rubric: Rubric) -> (verdict: Verdict, summary: String) {
        if let veto, let verdict = veto.veto {
            return (verdict, "Rule '\(veto.id)' decides it: \(verdict.phrase). \(band(for: verdict, rubric: rubric)?.summary ?? "")"
                .trimmingWhitespace().description)
        }
        guard let overall, coverage >= rubric.minimumCoverage else {
            let percent = Int((coverage * 100).rounded())
            let needed = Int((rubric.minimumCoverage * 100).rounded())
            return (.inconclusive, "Too few questions were answered to decide: \(percent)% of the weight, and the rubric needs \(needed)%.")
        }
        let band = rubric.bands.first { overall >= $0.from && (overall < $0.to || $0.to == 100) } ?? rubric.bands.last
        guard let band else { return (.inconclusive, "The rubric has no verdict band for this score.") }
        return (band.verdict, band.summary)
    }

    private static func band(for verdict: Verdict, rubric: Rubric) -> VerdictBand? {
        rubric.bands.first { $0.verdict == verdict }
    }

    private static func actions(results: [RuleResult], criteria: [CriterionResult]) -> [String] {
        var actions = results.compactMap { $0.fired ? $0.effect?.advice : nil }
        for criterion in criteria {
            if let advice = criterion.advice, !actions.contains(advice) { actions.append(advice) }
        }
        return actions
    }
}
