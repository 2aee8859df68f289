/// The business being assessed, as the questionnaire names it.
public struct Client: Sendable, Hashable, Codable {
    public var id: String?
    public var name: String
    public var owner: String?
    public var email: String?
    public var industry: String?
    public var employees: Int?
    public var website: String?
    public var location: String?

    public init(name: String) {
        self.name = name
    }
}

/// One checked answer, typed by its question.
public enum Answer: Sendable, Hashable {
    case scale(Int)
    case boolean(Bool)
    case number(Double)
    case choice(String)
    case multiChoice([String])
    case text(String)
}

/// A questionnaire whose every answer has been checked against a rubric.
public struct Questionnaire: Sendable {
    public var path: String
    public var sha256: String
    public var rubricID: String?
    public var client: Client
    public var assessedOn: String?
    public var assessor: String?
    public var notes: String?
    /// Answered questions only, by question id.
    public var answers: [String: Answer] {
        didSet { answersInRubricOrder = nil }
    }
    /// The same answers by position in the questions of the rubric they were checked against, so that scoring finds
    /// them without a lookup per question; dropped whenever `answers` changes.
    var answersInRubricOrder: (plan: ScoringPlan.Identity, answers: [Answer?])?

    /// Each of the rubric's questions' answer, in the rubric's order.
    func answers(inOrderOf rubric: Rubric) -> [Answer?] {
        if let checked = answersInRubricOrder, checked.plan === rubric.plan.identity { return checked.answers }
        return rubric.questions.map { answers[$0.id] }
    }
}
