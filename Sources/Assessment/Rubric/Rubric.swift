import RuleExpressions

/// A declarative rubric: what is asked, how answers become points, and which rules apply.
///
/// Built only by `RubricLoader`, which checks every part of it, so the rest of the
/// program can rely on its invariants (ids unique, bands covering 0...100, rules type-checked).
public struct Rubric: Sendable {
    public var id: String
    public var title: String
    public var version: String
    public var description: String
    public var source: RubricSource
    /// Answered weight over total weight below which the verdict is `inconclusive`.
    public var minimumCoverage: Double
    public var criterionBands: [CriterionBand]
    public var bands: [VerdictBand]
    public var criteria: [Criterion] { didSet { plan = Rubric.plan(questions, criteria, rules, environment) } }
    public var questions: [Question] { didSet { plan = Rubric.plan(questions, criteria, rules, environment) } }
    public var rules: [Rule] { didSet { plan = Rubric.plan(questions, criteria, rules, environment) } }
    /// Where the rubric was read from, and the SHA-256 of the file's bytes.
    public var origin: RubricOrigin
    /// The names rules may use, with the slot of each in an `Activation`.
    public var environment: Environment { didSet { plan = Rubric.plan(questions, criteria, rules, environment) } }
    /// Derived from the four properties above, and rebuilt whenever one of them changes.
    private(set) var plan: ScoringPlan

    init(
        id: String, title: String, version: String, description: String, source: RubricSource, minimumCoverage: Double,
        criterionBands: [CriterionBand], bands: [VerdictBand], criteria: [Criterion], questions: [Question], rules: [Rule],
        origin: RubricOrigin, environment: Environment
    ) {
        self.id = id
        self.title = title
        self.version = version
        self.description = description
        self.source = source
        self.minimumCoverage = minimumCoverage
        self.criterionBands = criterionBands
        self.bands = bands
        self.criteria = criteria
        self.questions = questions
        self.rules = rules
        self.origin = origin
        self.environment = environment
        self.plan = Rubric.plan(questions, criteria, rules, environment)
    }

    private static func plan(_ questions: [Question], _ criteria: [Criterion], _ rules: [Rule], _ environment: Environment) -> ScoringPlan {
        ScoringPlan(questions: questions, criteria: criteria, rules: rules, environment: environment)
    }

    public func criterion(_ id: String) -> Criterion? { criteria.first { $0.id == id } }
    public func question(_ id: String) -> Question? { plan.questionIndex[id].map { questions[$0] } }
}

public struct RubricOrigin: Sendable {
    public var path: String
    public var sha256: String
}

public struct RubricSource: Sendable {
    public var title: String
    public var author: String?
    public var date: String?
    public var note: String?
}

public enum Verdict: String, Sendable, CaseIterable, Codable {
    case keepInHouse = "keep-in-house"
    case hybrid
    case outsource
    case inconclusive

    /// How the verdict reads in a sentence.
    public var phrase: String {
        switch self {
        case .keepInHouse: return "keep in-house"
        case .hybrid: return "hybrid"
        case .outsource: return "outsource"
        case .inconclusive: return "inconclusive"
        }
    }
}

/// A range of the overall score that gives one verdict: `from` inclusive, `to` exclusive except at 100.
public struct VerdictBand: Sendable {
    public var verdict: Verdict
    public var from: Double
    public var to: Double
    public var summary: String
}

/// A named range of one criterion's score (weak, mixed, strong).
public struct CriterionBand: Sendable {
    public var id: String
    public var from: Double
    public var to: Double
}

public struct Criterion: Sendable {
    public var id: String
    public var title: String
    public var weight: Double
    public var meaning: String
    public var whyInHouse: String
    /// One piece of advice per criterion band id.
    public var advice: [String: String]
}

/// Which end of an answer argues for keeping the work in-house.
public enum Direction: String, Sendable {
    case high, low
}

public struct Choice: Sendable {
    public var value: String
    public var label: String
    public var points: Double?
}

public struct Question: Sendable {
    public enum Kind: Sendable {
        case scale(min: Int, max: Int, labels: [Int: String])
        case boolean
        case number(unit: String?, min: Double?, max: Double?, scoreFrom: Double?, scoreTo: Double?)
        case choice([Choice])
        case multiChoice([Choice])
        case text

        public var name: String {
            switch self {
            case .scale: return "scale"
            case .boolean: return "boolean"
            case .number: return "number"
            case .choice: return "choice"
            case .multiChoice: return "multi-choice"
            case .text: return "text"
            }
        }
    }

    public var id: String
    public var criterion: String
    public var prompt: String
    public var help: String?
    public var kind: Kind
    public var favorsInHouse: Direction?
    public var weight: Double
    public var required: Bool

    /// Text answers inform rules and the report but never score.
    public var isScored: Bool {
        if case .text = kind { return false }
        return true
    }

    public var choices: [Choice] {
        switch kind {
        case .choice(let choices), .multiChoice(let choices): return choices
        default: return []
        }
    }
}

public struct Rule: Sendable {
    public enum FlagLevel: String, Sendable {
        case info, warning, critical
    }

    public struct Flag: Sendable {
        public var level: FlagLevel
        public var message: String
    }

    public var id: String
    public var when: CompiledExpression
    /// Reads scores, overall or coverage, so runs once the criteria are scored.
    public var runsAfterScoring: Bool
    public var adjustments: [(criterion: String, points: Double)]
    public var flag: Flag?
    public var veto: Verdict?
    public var advice: String?
    public var explanation: String?
}
