/// Everything known about one scored questionnaire: what a renderer needs and nothing it must compute again.
///
/// Encoded as the JSON of `insource score --format json`, described by `Reports/schema/assessment.schema.json`;
/// property names become snake_case keys.
public struct Assessment: Sendable, Codable {
    enum CodingKeys: String, CodingKey {
        case schemaVersion, client, rubric, questionnaire, criteria, overall, verdict, summary, veto, rules, flags
        case actions, coverage, minimumCoverage, missing, answers, generatedBy
    }

    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    public var client: Client
    public var rubric: RubricReference
    public var questionnaire: QuestionnaireReference
    public var criteria: [CriterionResult]
    /// 0...100, nil when no criterion could be scored.
    public var overall: Double?
    public var verdict: Verdict
    /// The verdict in one sentence.
    public var summary: String
    /// The id of the rule whose veto decided the verdict.
    public var veto: String?
    public var rules: [RuleResult]
    public var flags: [FlagResult]
    /// The action plan: rule advice first, then advice for each criterion's band.
    public var actions: [String]
    /// Answered scored weight over all scored weight, 0...1.
    public var coverage: Double
    public var minimumCoverage: Double
    public var missing: [MissingQuestion]
    public var answers: [AnswerRecord]
    public var generatedBy: Generator
}

public struct RubricReference: Sendable, Codable {
    public var id: String
    public var title: String
    public var version: String
    public var sha256: String
}

public struct QuestionnaireReference: Sendable, Codable {
    enum CodingKeys: String, CodingKey {
        case path, sha256, assessedOn, assessor, notes
    }

    public var path: String
    public var sha256: String
    public var assessedOn: String?
    public var assessor: String?
    public var notes: String?
}

public struct CriterionResult: Sendable, Codable {
    enum CodingKeys: String, CodingKey {
        case id, title, weight, score, band, contributions, meaning, whyInHouse, advice
    }

    public var id: String
    public var title: String
    public var weight: Double
    /// 0...100, nil when none of its questions was answered.
    public var score: Double?
    public var band: String?
    /// Each answered question's share of the score, then each rule's adjustment; they add up to `score`.
    public var contributions: [Contribution]
    public var meaning: String
    public var whyInHouse: String
    public var advice: String?
}

public struct Contribution: Sendable, Codable {
    public enum Kind: String, Sendable, Codable {
        case question, rule, clamp
    }

    public var kind: Kind
    /// The question or rule id; for a clamp, the bound that was hit.
    public var id: String
    /// The answer as the client gave it (questions only).
    public var answer: JSONValue?
    /// How strongly the answer argues for in-house, 0...1 (questions only).
    public var points: Double?
    public var weight: Double?
    /// Score points this contribution adds to the criterion.
    public var delta: Double
}

public struct RuleResult: Sendable, Codable {
    enum CodingKeys: String, CodingKey {
        case id, when, fired, effect, explanation, values, error
    }

    public var id: String
    public var when: String
    public var fired: Bool
    public var effect: RuleEffect?
    public var explanation: String?
    /// The values the condition read, by name (`answers.reply_expectation`), null for unanswered.
    public var values: [String: JSONValue]
    /// Why the condition could not be decided (such as an unanswered question), when it could not.
    public var error: String?
}

public struct RuleEffect: Sendable, Codable {
    public var adjust: [String: Double]?
    public var flag: FlagResult?
    public var veto: Verdict?
    public var advice: String?
}

public struct FlagResult: Sendable, Codable {
    public var rule: String
    public var level: String
    public var message: String
}

public struct MissingQuestion: Sendable, Codable {
    public var id: String
    public var criterion: String
    public var prompt: String
    public var required: Bool
}

public struct AnswerRecord: Sendable, Codable {
    enum CodingKeys: String, CodingKey {
        case question, criterion, prompt, answer, display
    }

    public var question: String
    public var criterion: String
    public var prompt: String
    public var answer: JSONValue?
    /// The answer as words: a choice's label, a scale point's label.
    public var display: String
    /// Whether `display` is one of the few the rubric gives this question (yes or no, a choice's label,
    /// a point of a short scale, "not answered"), so the same in every report that has this answer;
    /// false for numbers, text, sets of choices and questions with more than a dozen answers. Not
    /// encoded: what was decoded says false.
    public var displayIsFromRubric = false

    public init(question: String, criterion: String, prompt: String, answer: JSONValue?, display: String, displayIsFromRubric: Bool = false) {
        self.question = question
        self.criterion = criterion
        self.prompt = prompt
        self.answer = answer
        self.display = display
        self.displayIsFromRubric = displayIsFromRubric
    }
}

public struct Generator: Sendable, Codable {
    public var name: String
    public var version: String

    public static let current = Generator(name: "insource", version: InsourceVersion.current)
}

public enum InsourceVersion {
    public static let current = "0.1.0"
}
