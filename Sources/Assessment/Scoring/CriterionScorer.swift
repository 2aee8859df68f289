/// One criterion's score: the weighted mean of its answered questions, then the rules' adjustments, clamped.
enum CriterionScorer {
    /// `criterion` is a position in the rubric's criteria; `answers` follows the rubric's questions, `fired` its rules.
    static func score(_ criterion: Int, answers: [Answer?], fired: [Bool], rubric: Rubric) -> CriterionResult {
        let plan = rubric.plan
        // Positions, not copies of the questions: a Question is large, and only a few of its fields are read.
        let questions = rubric.questions
        let positions = plan.criterionQuestions[criterion]
        var answered: [(index: Int, points: Double)] = []
        answered.reserveCapacity(positions.count)
        var totalWeight = 0.0
        for index in positions {
            guard let answer = answers[index], let points = questions[index].points(for: answer) else { continue }
            answered.append((index, points))
            totalWeight += questions[index].weight
        }
        var result = rubric.criteria[criterion].unscored
        guard totalWeight > 0 else { return result }

        var raw = 0.0
        result.contributions.reserveCapacity(answered.count + 2)
        for (index, points) in answered {
            let weight = questions[index].weight
            let delta = weight * points / totalWeight * 100
            raw += delta
            result.contributions.append(Contribution(
                kind: .question, id: questions[index].id, answer: answers[index].map(JSONValue.init),
                points: NumberText.round(points, places: 3), weight: weight, delta: NumberText.round(delta, places: 2)))
        }
        for adjustment in plan.criterionAdjustments[criterion] where fired[adjustment.rule] {
            raw += adjustment.points
            result.contributions.append(Contribution(kind: .rule, id: rubric.rules[adjustment.rule].id, delta: adjustment.points))
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
        result.advice = band.flatMap { rubric.criteria[criterion].advice[$0.id] }
        return result
    }
}

extension Criterion {
    /// The criterion's result before anything is scored.
    var unscored: CriterionResult {
        CriterionResult(
            id: id, title: title, weight: weight, score: nil, band: nil, contributions: [], meaning: meaning,
            whyInHouse: whyInHouse, advice: nil)
    }
}
