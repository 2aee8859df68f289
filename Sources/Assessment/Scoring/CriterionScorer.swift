/// One criterion's score: the weighted mean of its answered questions, then the rules' adjustments, clamped.
enum CriterionScorer {
    /// `questions` are the positions of the criterion's questions in the rubric; `answers` follows the rubric's questions.
    static func score(_ criterion: Criterion, questions: [Int], answers: [Answer?], rubric: Rubric, rules: [Rule]) -> CriterionResult {
        // Positions, not copies of the questions: a Question is large, and only a few of its fields are read.
        let all = rubric.questions
        let answered = questions.compactMap { index -> (index: Int, answer: Answer, points: Double)? in
            guard let answer = answers[index], let points = all[index].points(for: answer) else { return nil }
            return (index, answer, points)
        }
        let totalWeight = answered.reduce(0) { $0 + all[$1.index].weight }
        var result = CriterionResult(
            id: criterion.id, title: criterion.title, weight: criterion.weight, score: nil, band: nil,
            contributions: [], meaning: criterion.meaning, whyInHouse: criterion.whyInHouse, advice: nil)
        guard totalWeight > 0 else { return result }

        var raw = 0.0
        result.contributions.reserveCapacity(answered.count + 2)
        for (index, answer, points) in answered {
            let weight = all[index].weight
            let delta = weight * points / totalWeight * 100
            raw += delta
            result.contributions.append(Contribution(
                kind: .question, id: all[index].id, answer: JSONValue(answer), points: NumberText.round(points, places: 3),
                weight: weight, delta: NumberText.round(delta, places: 2)))
        }
        for rule in rules {
            for adjustment in rule.adjustments where adjustment.criterion == criterion.id {
                raw += adjustment.points
                result.contributions.append(Contribution(kind: .rule, id: rule.id, delta: adjustment.points))
            }
        }
        let clamped = min(100, max(0, raw))
        if clamped != raw {
            result.contributions.append(Contribution(
                kind: .clamp, id: raw > 100 ? "max" : "min", delta: NumberText.round(clamped - raw, places: 2)))
        }
        let score = NumberText.round(clamped, places: 1)
        let band = rubric.criterionBands.first { score >= $0.from && (score < $0.to || $0.to == 100) }
        result.score = score
        result.band = band?.id
        result.advice = band.flatMap { criterion.advice[$0.id] }
        return result
    }
}
