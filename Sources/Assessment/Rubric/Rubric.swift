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
    public var criteria: [Criterion] { didSet { replan() } }
    public var questions: [Question] { didSet { replan() } }
    public var rules: [Rule] { didSet { replan() } }
    /// Where the rubric was read from, and the SHA-256 of the file's bytes.
    public var origin: RubricOrigin
    /// The names rules may use, with the slot of each in an `Activation`.
    public var environment: Environment { didSet { replan() } }
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
        self.plan = ScoringPlan(questions: questions, criteria: criteria, rules: rules, environment: environment)
    }

    private mutating func replan() {
        plan = ScoringPlan(questions: questions, criteria: criteria, rules: rules, environment: environment)
    }

    public func criterion(_ id: String) -> Criterion? { criteria.first { $0.id == id } }
    public func question(_ id: String) -> Question? { plan.questionIndex[id].map { questions[$0] } }
}

public struct RubricOrigin: Sendable {
    public var path: String
    public var sha256: String
    /// The file's bytes, which `sha256` is of.
    public var bytes: [UInt8]
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

    /// The fields live in one shared, copy-on-write box: scoring reads questions in many places, and copying a
    /// question is then one reference count instead of one per string and list in it.
    private final class Storage: @unchecked Sendable {
        // Mutated only through Question's setters, after `isKnownUniquelyReferenced`, so never while shared.
        var id: String
        var criterion: String
        var prompt: String
        var help: String?
        var kind: Kind
        var favorsInHouse: Direction?
        var weight: Double
        var required: Bool

        init(
            id: String, criterion: String, prompt: String, help: String?, kind: Kind, favorsInHouse: Direction?,
            weight: Double, required: Bool
        ) {
            self.id = id
            self.criterion = criterion
            self.prompt = prompt
            self.help = help
            self.kind = kind
            self.favorsInHouse = favorsInHouse
            self.weight = weight
            self.required = required
        }

        func copy() -> Storage {
            Storage(
                id: id, criterion: criterion, prompt: prompt, help: help, kind: kind, favorsInHouse: favorsInHouse,
                weight: weight, required: required)
        }
    }

    private var storage: Storage

    init(
        id: String, criterion: String, prompt: String, help: String?, kind: Kind, favorsInHouse: Direction?,
        weight: Double, required: Bool
    ) {
        storage = Storage(
            id: id, criterion: criterion, prompt: prompt, help: help, kind: kind, favorsInHouse: favorsInHouse,
            weight: weight, required: required)
    }

    private mutating func unique() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage
    }

    public var id: String {
        get { storage.id }
        set { unique().id = newValue }
    }
    public var criterion: String {
        get { storage.criterion }
        set { unique().criterion = newValue }
    }
    public var prompt: String {
        get { storage.prompt }
        set { unique().prompt = newValue }
    }
    public var help: String? {
        get { storage.help }
        set { unique().help = newValue }
    }
    public var kind: Kind {
        get { storage.kind }
        set { unique().kind = newValue }
    }
    public var favorsInHouse: Direction? {
        get { storage.favorsInHouse }
        set { unique().favorsInHouse = newValue }
    }
    public var weight: Double {
        get { storage.weight }
        set { unique().weight = newValue }
    }
    public var required: Bool {
        get { storage.required }
        set { unique().required = newValue }
    }

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

    /// One shared copy-on-write box for the fields, as in `Question`: scoring passes rules around per questionnaire.
    private final class Storage: @unchecked Sendable {
        // Mutated only through Rule's setters, after `isKnownUniquelyReferenced`, so never while shared.
        var id: String
        var when: CompiledExpression
        var runsAfterScoring: Bool
        var adjustments: [(criterion: String, points: Double)]
        var flag: Flag?
        var veto: Verdict?
        var advice: String?
        var explanation: String?

        init(
            id: String, when: CompiledExpression, runsAfterScoring: Bool, adjustments: [(criterion: String, points: Double)],
            flag: Flag?, veto: Verdict?, advice: String?, explanation: String?
        ) {
            self.id = id
            self.when = when
            self.runsAfterScoring = runsAfterScoring
            self.adjustments = adjustments
            self.flag = flag
            self.veto = veto
            self.advice = advice
            self.explanation = explanation
        }

        func copy() -> Storage {
            Storage(
                id: id, when: when, runsAfterScoring: runsAfterScoring, adjustments: adjustments, flag: flag, veto: veto,
                advice: advice, explanation: explanation)
        }
    }

    private var storage: Storage

    init(
        id: String, when: CompiledExpression, runsAfterScoring: Bool, adjustments: [(criterion: String, points: Double)],
        flag: Flag?, veto: Verdict?, advice: String?, explanation: String?
    ) {
        storage = Storage(
            id: id, when: when, runsAfterScoring: runsAfterScoring, adjustments: adjustments, flag: flag, veto: veto,
            advice: advice, explanation: explanation)
    }

    private mutating func unique() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage
    }

    public var id: String {
        get { storage.id }
        set { unique().id = newValue }
    }
    public var when: CompiledExpression {
        get { storage.when }
        set { unique().when = newValue }
    }
    /// Reads scores, overall or coverage, so runs once the criteria are scored.
    public var runsAfterScoring: Bool {
        get { storage.runsAfterScoring }
        set { unique().runsAfterScoring = newValue }
    }
    public var adjustments: [(criterion: String, points: Double)] {
        get { storage.adjustments }
        set { unique().adjustments = newValue }
    }
    public var flag: Flag? {
        get { storage.flag }
        set { unique().flag = newValue }
    }
    public var veto: Verdict? {
        get { storage.veto }
        set { unique().veto = newValue }
    }
    public var advice: String? {
        get { storage.advice }
        set { unique().advice = newValue }
    }
    public var explanation: String? {
        get { storage.explanation }
        set { unique().explanation = newValue }
    }
}
