/// How one question's answers read (`Question.display`), with the texts that need building worked out once per
/// rubric: each point of a scale with its label, and a number's unit with its space.
struct AnswerTexts: Sendable {
    /// Scales longer than this are written per answer, as other questions are.
    static let longestScale = 100

    /// The text of each scale point, from `scaleMinimum` up.
    private var scalePoints: [String] = []
    private var scaleMinimum = 0
    /// " <unit>", for a number question with a unit.
    private var unitSuffix: String?

    init(_ question: Question) {
        switch question.kind {
        case .scale(let min, let max, _) where min <= max && max - min <= AnswerTexts.longestScale:
            scaleMinimum = min
            scalePoints = (min...max).map { question.display(.scale($0)) }
        case .number(let unit?, _, _, _, _):
            unitSuffix = " " + unit
        default:
            break
        }
    }

    /// `question.display(answer)`; `question` is the one these texts were made for.
    func display(_ answer: Answer, of question: Question) -> String {
        switch answer {
        case .scale(let value) where value >= scaleMinimum && value - scaleMinimum < scalePoints.count:
            return scalePoints[value - scaleMinimum]
        case .number(let value):
            guard let unitSuffix else { return question.display(answer) }
            return NumberText.format(value) + unitSuffix
        default:
            return question.display(answer)
        }
    }
}
