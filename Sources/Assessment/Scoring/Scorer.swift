import RuleExpressions

/// Turns a checked questionnaire into an assessment under its rubric. Pure and deterministic.
public enum Scorer {
    public static func score(_ questionnaire: Questionnaire, with rubric: Rubric) -> Assessment {
        let answered = questionnaire.answers(inOrderOf: rubric)
        var activation = RuleInputs.activation(answered: answered, client: questionnaire.client, rubric: rubric)
        let rules = rubric.rules
        let plans = rubric.plan.rules
        // In the rubric's order (the loader keeps rule ids unique). The rules that read scores run once the criteria
        // are scored; until then they stand in the list as not fired, which is what the criteria must see.
        var results: [RuleResult] = []
        results.reserveCapacity(rules.count)
        for (index, rule) in rules.enumerated() {
            results.append(rule.runsAfterScoring ? plans[index].pending : RuleOutcome.evaluate(
                rule, plans[index], activation, rubric: rubric, answers: questionnaire.answers, answered: answered))
        }
        let fired = results.map(\.fired)
        let criteria = rubric.criteria.indices.map { CriterionScorer.score($0, answers: answered, fired: fired, rubric: rubric) }
        let overall = weightedOverall(criteria)
        let coverage = coverage(answered: answered, rubric: rubric)
        RuleInputs.setScores(criteria, overall: overall, coverage: coverage, in: &activation, rubric: rubric)
        for (index, rule) in rules.enumerated() where rule.runsAfterScoring {
            results[index] = RuleOutcome.evaluate(
                rule, plans[index], activation, rubric: rubric, answers: questionnaire.answers, answered: answered)
        }
        let vetoRule = rules.indices.first { rules[$0].veto != nil && results[$0].fired }.map { rules[$0] }
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
            missing: missing(answered, rubric.questions),
            answers: answerRecords(answered, rubric.questions, rubric.plan.answerTexts),
            generatedBy: .current)
    }

    // The two lists below read the questions in place by position: copying a Question costs more than the record.

    private static func missing(_ answered: [Answer?], _ questions: [Question]) -> [MissingQuestion] {
        var missing: [MissingQuestion] = []
        for index in questions.indices where answered[index] == nil {
            missing.append(MissingQuestion(
                id: questions[index].id, criterion: questions[index].criterion, prompt: questions[index].prompt,
                required: questions[index].required))
        }
        return missing
    }

    private static func answerRecords(_ answered: [Answer?], _ questions: [Question], _ texts: [AnswerTexts]) -> [AnswerRecord] {
        var records: [AnswerRecord] = []
        records.reserveCapacity(questions.count)
        for index in questions.indices {
            let answer = answered[index]
            records.append(AnswerRecord(
                question: questions[index].id, criterion: questions[index].criterion, prompt: questions[index].prompt,
                answer: answer.map(JSONValue.init),
                display: answer.map { texts[index].display($0, of: questions[index]) } ?? "not answered",
                displayIsFromRubric: answer.map { texts[index].displayIsFromRubric($0) } ?? true))
        }
        return records
    }

    /// Sums in the criteria's order, over those with a score; read in place, since a result is large.
    private static func weightedOverall(_ criteria: [CriterionResult]) -> Double? {
        var weight = 0.0
        var sum = 0.0
        for index in criteria.indices {
            guard let score = criteria[index].score else { continue }
            weight += criteria[index].weight
            sum += criteria[index].weight * score
        }
        guard weight > 0 else { return nil }
        return NumberText.round(sum / weight, places: 1)
    }

    /// Answered scored weight over all scored weight, each summed in the rubric's order.
    static func coverage(answered: [Answer?], rubric: Rubric) -> Double {
        let total = rubric.plan.scoredWeight
        guard total > 0 else { return 0 }
        var weight = 0.0
        for (question, answer) in zip(rubric.questions, answered) where question.isScored && answer != nil {
            weight += question.weight
        }
        return weight / total
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
        var actions: [String] = []
        actions.reserveCapacity(results.count + criteria.count)
        for index in results.indices where results[index].fired {
            if let advice = results[index].effect?.advice { actions.append(advice) }
        }
        for index in criteria.indices {
            if let advice = criteria[index].advice, !actions.contains(advice) { actions.append(advice) }
        }
        return actions
    }
}
