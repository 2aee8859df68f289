import Assessment
import History

/// The JSON shapes of `history` and `export`: plain Codable mirrors of the history's values, keys snake_cased.
struct ClientJSON: Encodable {
    var id: String?
    var key: String
    var name: String
    var email: String?
    var industry: String?
    var assessments: Int?
    var latest: SummaryJSON?

    init(_ client: ClientSummary) {
        self.init(client.identity)
        assessments = client.assessmentCount
        latest = SummaryJSON(client.latest)
    }

    init(_ identity: ClientSummary.Identity) {
        id = identity.explicitID
        key = identity.key
        name = identity.name
        email = identity.email
        industry = identity.industry
    }
}

struct SummaryJSON: Encodable {
    var date: String
    var recordedAt: String
    var rubric: String
    var rubricVersion: String
    var rubricSha256: String
    var questionnaireSha256: String
    var overall: Double?
    var verdict: String

    init(_ summary: AssessmentSummary) {
        date = summary.date
        recordedAt = summary.recordedAt
        rubric = summary.rubricID
        rubricVersion = summary.rubricVersion
        rubricSha256 = summary.rubricSHA256
        questionnaireSha256 = summary.questionnaireSHA256
        overall = summary.overall
        verdict = summary.verdict.rawValue
    }
}

struct CriterionJSON: Encodable {
    var id: String
    var title: String
    var weight: Double
    var score: Double?
    var band: String?
    var change: Double?

    init(_ point: CriterionPoint) {
        id = point.id
        title = point.title
        weight = point.weight
        score = point.score
        band = point.band
        change = point.change
    }
}

struct EntryJSON: Encodable {
    var assessment: SummaryJSON
    var overallChange: Double?
    var criteria: [CriterionJSON]

    init(_ entry: HistoryEntry) {
        assessment = SummaryJSON(entry.assessment)
        overallChange = entry.overallChange
        criteria = entry.criteria.map(CriterionJSON.init)
    }
}

struct ClientHistoryJSON: Encodable {
    var client: ClientJSON
    var assessments: [EntryJSON]
}

/// One row of `export --format json`.
struct ExportJSON: Encodable {
    var client: ClientJSON
    var assessment: SummaryJSON
    var criterion: CriterionJSON

    init(_ row: ExportRow) {
        client = ClientJSON(row.client)
        assessment = SummaryJSON(row.assessment)
        criterion = CriterionJSON(row.criterion)
    }
}
