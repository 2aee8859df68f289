/// How an assessment compares with the client's previous one and with its peers: what a report shows beside the scores.
///
/// Computed by the history (which knows the other assessments) and handed to renderers as a plain value, so they
/// never query anything themselves.
public struct AssessmentComparison: Sendable, Hashable {
    /// The client's previous assessment under the same rubric, when there is one.
    public var previous: Previous?
    /// Where the client stands among assessed clients of the same industry, when that group is large enough.
    public var peers: Peers?

    public init(previous: Previous? = nil, peers: Peers? = nil) {
        self.previous = previous
        self.peers = peers
    }

    public struct Previous: Sendable, Hashable {
        /// The date it speaks for: its questionnaire's `assessed_on`, else the day it was recorded (YYYY-MM-DD).
        public var date: String
        /// When it was recorded, ISO 8601 UTC.
        public var recordedAt: String
        public var overall: Double?
        public var verdict: Verdict
        /// Criterion id to score (0...100); criteria it could not score are absent.
        public var scores: [String: Double]

        public init(date: String, recordedAt: String, overall: Double?, verdict: Verdict, scores: [String: Double]) {
            self.date = date
            self.recordedAt = recordedAt
            self.overall = overall
            self.verdict = verdict
            self.scores = scores
        }
    }

    public struct Peers: Sendable, Hashable {
        /// The industry as this client's questionnaire writes it (the group matches it trimmed and case-folded).
        public var industry: String
        /// How many clients the group holds, this one included.
        public var groupSize: Int
        /// Criterion id to percentile (0...100): the share of the group's latest scores at or below this client's.
        public var percentiles: [String: Double]

        public init(industry: String, groupSize: Int, percentiles: [String: Double]) {
            self.industry = industry
            self.groupSize = groupSize
            self.percentiles = percentiles
        }
    }

    /// The change of a criterion's score since the previous assessment, rounded to 0.1; nil when either is missing.
    public func change(of criterion: CriterionResult) -> Double? {
        guard let now = criterion.score, let before = previous?.scores[criterion.id] else { return nil }
        return ((now - before) * 10).rounded() / 10
    }

    /// The change of the overall score since the previous assessment, rounded to 0.1.
    public func overallChange(of assessment: Assessment) -> Double? {
        guard let now = assessment.overall, let before = previous?.overall else { return nil }
        return ((now - before) * 10).rounded() / 10
    }
}
