/// How one question's answers read (`Question.display`), with what that needs taken out of the question once per
/// rubric: each point of a scale with its label, a number's unit with its space, the choices' labels. A class, so
/// that scoring reads it in place instead of copying its lists per answer.
final class AnswerTexts: Sendable {
    /// Scales longer than this are written per answer by `Question.display`.
    static let longestScale = 100

    /// The text of each scale point, from `scaleMinimum` up.
    private let scalePoints: [String]
    private let scaleMinimum: Int
    /// " <unit>", for a number question with a unit.
    private let unitSuffix: String?
    private let choices: [Choice]
    /// The answers the question can have, when they are few: no and yes, its choices, the points of a short scale.
    let fewAnswers: [Answer]?

    init(_ question: Question) {
        if case .scale(let min, let max, _) = question.kind, min <= max && max - min <= AnswerTexts.longestScale {
            scaleMinimum = min
            scalePoints = (min...max).map { question.display(.scale($0)) }
        } else {
            scaleMinimum = 0
            scalePoints = []
        }
        if case .number(let unit?, _, _, _, _) = question.kind {
            unitSuffix = " " + unit
        } else {
            unitSuffix = nil
        }
        choices = question.choices
        switch question.kind {
        case .boolean: fewAnswers = [.boolean(false), .boolean(true)]
        case .choice(let choices): fewAnswers = choices.map { .choice($0.value) }
        case .scale where !scalePoints.isEmpty: fewAnswers = (scaleMinimum..<scaleMinimum + scalePoints.count).map(Answer.scale)
        default: fewAnswers = nil
        }
    }

    /// Questions with at most this many answers have them shown in words a report may keep
    /// (`AnswerRecord.displayIsFromRubric`): a long scale's points would crowd the kept parts out.
    static let mostKeptAnswers = 12

    /// Whether `answer` reads as one of the rubric's few texts for this question (see `mostKeptAnswers`).
    func displayIsFromRubric(_ answer: Answer) -> Bool {
        guard let fewAnswers, fewAnswers.count <= Self.mostKeptAnswers else { return false }
        return position(of: answer) != nil
    }

    /// Which of `fewAnswers` reads as `answer` does, if any.
    func position(of answer: Answer) -> Int? {
        guard let fewAnswers else { return nil }
        switch (fewAnswers.first, answer) {
        case (.boolean, .boolean(let value)): return value ? 1 : 0
        case (.choice, .choice(let value)): return choices.firstIndex { $0.value == value }
        case (.scale, .scale(let value)):
            return value >= scaleMinimum && value - scaleMinimum < scalePoints.count ? value - scaleMinimum : nil
        default: return nil
        }
    }

    /// `question.display(answer)`; `question` is the one these texts were made for.
    func display(_ answer: Answer, of question: Question) -> String {
        switch answer {
        case .scale(let value):
            guard value >= scaleMinimum && value - scaleMinimum < scalePoints.count else { return question.display(answer) }
            return scalePoints[value - scaleMinimum]
        case .boolean(let value):
            return value ? "yes" : "no"
        case .number(let value):
            guard let unitSuffix else { return NumberText.format(value) }
            return NumberText.format(value) + unitSuffix
        case .choice(let value):
            return label(value)
        case .multiChoice(let values):
            if values.isEmpty { return "none" }
            var text = label(values[0])
            for value in values.dropFirst() {
                text += ", "
                text += label(value)
            }
            return text
        case .text(let text):
            return text
        }
    }

    private func label(_ value: String) -> String {
        choices.first { $0.value == value }?.label ?? value
    }
}
