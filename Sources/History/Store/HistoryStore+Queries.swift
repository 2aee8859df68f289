import Assessment

extension HistoryStore {
    /// The order of a client's assessments over time: the questionnaire's date, then the order they were recorded.
    static let chronological = "COALESCE(a.assessed_on, substr(a.recorded_at, 1, 10)), a.id"
    static let latestFirst = "COALESCE(a.assessed_on, substr(a.recorded_at, 1, 10)) DESC, a.id DESC"
    static let summaryColumns = """
        a.id, a.assessed_on, a.recorded_at, a.rubric_id, a.rubric_version, a.rubric_sha256, a.questionnaire_sha256,
        a.overall, a.verdict
        """
    static let identityColumns = "c.key, c.explicit_id, c.name, c.email, c.industry"

    /// Every client, by name, each with their latest assessment.
    public func clients() throws(HistoryError) -> [ClientSummary] {
        guard hasSchema else { return [] }
        return try connection.prepare("""
            SELECT \(Self.identityColumns), (SELECT count(*) FROM assessments WHERE client_id = c.id), \(Self.summaryColumns)
            FROM clients c JOIN assessments a ON a.id = (
                SELECT a.id FROM assessments a WHERE a.client_id = c.id ORDER BY \(Self.latestFirst) LIMIT 1)
            ORDER BY lower(c.name), c.key
            """).rows { row in
            let identity = Self.identity(row, from: 0)
            return ClientSummary(
                key: identity.key, explicitID: identity.explicitID, name: identity.name, email: identity.email,
                industry: identity.industry, assessmentCount: row.int(5), latest: Self.summary(row, from: 6))
        }
    }

    /// The clients `text` names: by explicit id, by key, or by name (trimmed, case-folded).
    public func clients(matching text: String) throws(HistoryError) -> [ClientSummary] {
        let wanted = ClientIdentity.normalise(text)
        return try clients().filter {
            $0.key == text || $0.key == "id:" + wanted || ClientIdentity.normalise($0.name) == wanted
        }
    }

    /// A client's assessments over time, each with its change since the one before.
    public func history(clientKey: String) throws(HistoryError) -> [HistoryEntry] {
        guard hasSchema else { return [] }
        let assessments = try connection.prepare("""
            SELECT \(Self.summaryColumns) FROM assessments a JOIN clients c ON c.id = a.client_id
            WHERE c.key = ? ORDER BY \(Self.chronological)
            """).rows([.text(clientKey)]) { Self.summary($0, from: 0) }
        let scores = try connection.prepare("""
            SELECT criterion, title, weight, score, band FROM criterion_scores WHERE assessment_id = ? ORDER BY position
            """)
        var entries: [HistoryEntry] = []
        for assessment in assessments {
            let previous = entries.last
            let criteria = try scores.rows([.integer(Int64(assessment.id))]) { row in
                let id = row.string(0)
                let score = row.optionalDouble(3)
                let before = previous?.criteria.first { $0.id == id }?.score
                return CriterionPoint(
                    id: id, title: row.string(1), weight: row.double(2), score: score, band: row.optionalString(4),
                    change: Rounding.change(score, before))
            }
            entries.append(HistoryEntry(
                assessment: assessment, overallChange: Rounding.change(assessment.overall, previous?.assessment.overall),
                criteria: criteria))
        }
        return entries
    }

    /// The whole history, one row per assessment and criterion, by client then time.
    public func exportRows() throws(HistoryError) -> [ExportRow] {
        guard hasSchema else { return [] }
        return try connection.prepare("""
            SELECT \(Self.identityColumns), \(Self.summaryColumns), s.criterion, s.title, s.weight, s.score, s.band
            FROM assessments a JOIN clients c ON c.id = a.client_id JOIN criterion_scores s ON s.assessment_id = a.id
            ORDER BY lower(c.name), c.key, \(Self.chronological), s.position
            """).rows { row in
            ExportRow(
                client: Self.identity(row, from: 0), assessment: Self.summary(row, from: 5),
                criterion: CriterionPoint(
                    id: row.string(14), title: row.string(15), weight: row.double(16), score: row.optionalDouble(17),
                    band: row.optionalString(18), change: nil))
        }
    }

    /// Each distinct questionnaire (client and file content) once, with its latest assessment not made under
    /// `excludingRubric` (when it has one), for scoring again.
    public func storedQuestionnaires(excludingRubric sha256: String? = nil) throws(HistoryError) -> [StoredEntry] {
        guard hasSchema else { return [] }
        return try connection.prepare("""
            SELECT \(Self.storedEntryColumns)
            FROM clients c
            JOIN (SELECT DISTINCT client_id, questionnaire_sha256 AS sha FROM assessments) q ON q.client_id = c.id
            JOIN assessments a ON a.id = (
                SELECT b.id FROM assessments b WHERE b.client_id = c.id AND b.questionnaire_sha256 = q.sha
                ORDER BY b.rubric_sha256 = ?1, b.id DESC LIMIT 1)
            ORDER BY lower(c.name), c.key, \(Self.chronological)
            """).rows([.text(sha256 ?? "")], Self.storedEntry)
    }

    /// The columns `storedEntry` reads, from `clients c` and `assessments a`.
    static let storedEntryColumns = "\(identityColumns), \(summaryColumns), a.questionnaire_path, a.questionnaire_json"

    static func storedEntry(_ row: Statement) -> StoredEntry {
        StoredEntry(
            client: identity(row, from: 0), assessment: summary(row, from: 5), questionnairePath: row.string(14),
            json: row.string(15))
    }

    static func identity(_ row: Statement, from first: Int32) -> ClientSummary.Identity {
        ClientSummary.Identity(
            key: row.string(first), explicitID: row.optionalString(first + 1), name: row.string(first + 2),
            email: row.optionalString(first + 3), industry: row.optionalString(first + 4))
    }

    static func summary(_ row: Statement, from first: Int32) -> AssessmentSummary {
        AssessmentSummary(
            id: row.int(first), assessedOn: row.optionalString(first + 1), recordedAt: row.string(first + 2),
            rubricID: row.string(first + 3), rubricVersion: row.string(first + 4), rubricSHA256: row.string(first + 5),
            questionnaireSHA256: row.string(first + 6), overall: row.optionalDouble(first + 7),
            verdict: Verdict(rawValue: row.string(first + 8)) ?? .inconclusive)
    }
}
