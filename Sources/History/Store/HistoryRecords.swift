import Assessment

/// A client as the history knows it, with their latest assessment.
public struct ClientSummary: Sendable, Hashable {
    public var key: String
    public var explicitID: String?
    public var name: String
    public var email: String?
    public var industry: String?
    public var assessmentCount: Int
    public var latest: AssessmentSummary
}

/// The headline of one recorded assessment.
public struct AssessmentSummary: Sendable, Hashable {
    public var id: Int
    public var assessedOn: String?
    public var recordedAt: String
    public var rubricID: String
    public var rubricVersion: String
    public var rubricSHA256: String
    public var questionnaireSHA256: String
    public var overall: Double?
    public var verdict: Verdict

    /// The date the assessment speaks for: the questionnaire's own, else the day it was recorded.
    public var date: String { assessedOn ?? String(recordedAt.prefix(10)) }
}

/// One point of a client's history: an assessment and how each score moved since the one before it.
public struct HistoryEntry: Sendable, Hashable {
    public var assessment: AssessmentSummary
    /// The change of the overall score since the previous assessment; nil for the first or when either is unscored.
    public var overallChange: Double?
    public var criteria: [CriterionPoint]
}

public struct CriterionPoint: Sendable, Hashable {
    public var id: String
    public var title: String
    public var weight: Double
    public var score: Double?
    public var band: String?
    /// Since the previous assessment's score for the same criterion; nil when there is none to compare with.
    public var change: Double?
}

/// One row of `insource export`: an assessment and one of its criteria.
public struct ExportRow: Sendable, Hashable {
    public var client: ClientSummary.Identity
    public var assessment: AssessmentSummary
    public var criterion: CriterionPoint
}

extension ClientSummary {
    /// Who a row belongs to, without their latest assessment.
    public struct Identity: Sendable, Hashable {
        public var key: String
        public var explicitID: String?
        public var name: String
        public var email: String?
        public var industry: String?
    }

    public var identity: Identity { Identity(key: key, explicitID: explicitID, name: name, email: email, industry: industry) }
}

/// A stored questionnaire as `rescore` needs it: its latest assessment and its content.
public struct StoredEntry: Sendable {
    public var client: ClientSummary.Identity
    public var assessment: AssessmentSummary
    public var questionnairePath: String
    public var json: String
}

/// Numbers as the history stores them: rounded like the scores, so a change reads 4.5, not 4.499999.
enum Rounding {
    static func change(_ new: Double?, _ old: Double?) -> Double? {
        guard let new, let old else { return nil }
        return ((new - old) * 10).rounded() / 10
    }
}
