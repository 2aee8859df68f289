import Assessment

/// Writes assessments into an open write transaction: the client upsert and the assessment row run at once (their ids
/// are needed), answers, criterion scores and fired rules wait in `RowBatch`es and go in many rows per statement.
///
/// Owned by one `HistoryStore`, so confined like it. Every value is bound; text is copied once into an arena.
///
/// Neither per-assessment statement says RETURNING: SQLite runs a RETURNING statement through a temporary table and,
/// inside a transaction, a statement journal holding a copy of every page it touches, which cost more than the row.
/// Ids come from `last_insert_rowid()` and a lookup by key instead.
final class RecordWriter {
    private let connection: Connection
    private let upsertClient: Statement
    private let findClient: Statement
    private let insertAssessment: Statement
    private let findAssessment: Statement
    private let answers: RowBatch
    private let scores: RowBatch
    private let rules: RowBatch
    /// The text bound to the client and assessment statements, reused for each assessment.
    private let arena = BindArena()
    /// The stored questionnaire being recorded, and where in it each answer's value is.
    private let json = JSONBytes()
    private var answerValues: [Range<Int>?] = []
    /// The order to insert each table's rows in, kept from one assessment to the next.
    private var answerOrder = KeyOrder()
    private var criterionOrder = KeyOrder()
    private var ruleOrder = KeyOrder()

    init(connection: Connection) throws(HistoryError) {
        self.connection = connection
        upsertClient = try connection.prepare("""
            INSERT INTO clients (key, explicit_id, name, email, industry, industry_key, owner, employees, website, location)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (key) DO UPDATE SET explicit_id = excluded.explicit_id, name = excluded.name, email = excluded.email,
                industry = excluded.industry, industry_key = excluded.industry_key, owner = excluded.owner,
                employees = excluded.employees, website = excluded.website, location = excluded.location
            WHERE (explicit_id, name, email, industry, industry_key, owner, employees, website, location)
                IS NOT (excluded.explicit_id, excluded.name, excluded.email, excluded.industry, excluded.industry_key,
                    excluded.owner, excluded.employees, excluded.website, excluded.location)
            """)
        findClient = try connection.prepare("SELECT id FROM clients WHERE key = ?")
        insertAssessment = try connection.prepare("""
            INSERT INTO assessments (client_id, rubric_id, rubric_title, rubric_version, rubric_sha256, questionnaire_sha256,
                questionnaire_path, assessed_on, assessor, overall, verdict, veto, coverage, recorded_at, questionnaire_json)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (client_id, rubric_sha256, questionnaire_sha256) DO NOTHING
            """)
        findAssessment = try connection.prepare(
            "SELECT id FROM assessments WHERE client_id = ? AND rubric_sha256 = ? AND questionnaire_sha256 = ?")
        answers = RowBatch(
            connection: connection, insert: "INSERT INTO answers (assessment_id, question, criterion, answer_json, display)", columns: 5)
        scores = RowBatch(
            connection: connection,
            insert: "INSERT INTO criterion_scores (assessment_id, criterion, position, title, weight, score, band)", columns: 7)
        rules = RowBatch(connection: connection, insert: "INSERT INTO rules_fired (assessment_id, rule, explanation)", columns: 3)
    }

    /// Adds `assessment` to the transaction, or finds it already recorded. Call `flush()` before committing.
    func insert(_ assessment: Assessment, at when: String) throws(HistoryError) -> RecordOutcome {
        arena.reset()
        let clientID = try upsert(assessment.client)
        guard let assessmentID = try insertRow(assessment, clientID: clientID, at: when) else {
            return .alreadyRecorded(try existing(assessment, clientID: clientID))
        }
        let id = Int64(assessmentID)
        // Records are read in place, by index: looping over them copied each one out (a retain and a release for each
        // of its strings). Each answer's JSON is the bytes `insertRow` wrote for it into the stored questionnaire.
        let records = assessment.answers
        for index in answerOrder.ascending(records.count, key: { records[$0].question }) {
            guard let value = answerValues[index] else { continue }
            try answers.add { row in
                row.integer(id)
                row.text(records[index].question)
                row.text(records[index].criterion)
                row.text(bytes: UnsafeRawBufferPointer(rebasing: json.buffer[value]))
                row.text(records[index].display)
            }
        }
        let criteria = assessment.criteria
        for position in criterionOrder.ascending(criteria.count, key: { criteria[$0].id }) {
            try scores.add { row in
                row.integer(id)
                row.text(criteria[position].id)
                row.integer(Int64(position))
                row.text(criteria[position].title)
                row.real(criteria[position].weight)
                row.real(criteria[position].score)
                row.text(criteria[position].band)
            }
        }
        let rules = assessment.rules
        for index in ruleOrder.ascending(rules.count, key: { rules[$0].id }) where rules[index].fired {
            try self.rules.add { row in
                row.integer(id)
                row.text(rules[index].id)
                row.text(rules[index].explanation)
            }
        }
        return .recorded(assessmentID)
    }

    /// Inserts every row still waiting; the transaction may then commit.
    func flush() throws(HistoryError) {
        try answers.flush()
        try scores.flush()
        try rules.flush()
    }

    /// Drops the rows waiting for a transaction that rolled back.
    func discard() {
        answers.discard()
        scores.discard()
        rules.discard()
    }

    private func upsert(_ client: Client) throws(HistoryError) -> Int {
        let statement = upsertClient
        defer { statement.clearBindings() }
        let key = arena.copy(ClientIdentity.key(id: client.id, name: client.name, email: client.email))
        try statement.bind(1, stableText: key)
        try statement.bind(2, client.id, in: arena)
        try statement.bind(3, client.name, in: arena)
        try statement.bind(4, client.email, in: arena)
        try statement.bind(5, client.industry, in: arena)
        try statement.bind(6, client.industry.map(ClientIdentity.normalise), in: arena)
        try statement.bind(7, client.owner, in: arena)
        if let employees = client.employees { try statement.bind(8, Int64(employees)) } else { try statement.bindNull(8) }
        try statement.bind(9, client.website, in: arena)
        try statement.bind(10, client.location, in: arena)
        try statement.execute()
        // Inserted, updated or left alone, the row is there now; its id is found by key in every case.
        defer { findClient.clearBindings() }
        try findClient.bind(1, stableText: key)
        guard let id = try findClient.execute() else { throw noRow("clients") }
        return id
    }

    /// The new assessment's id, or nil when the same client, rubric and questionnaire are already recorded.
    private func insertRow(_ assessment: Assessment, clientID: Int, at when: String) throws(HistoryError) -> Int? {
        let statement = insertAssessment
        defer { statement.clearBindings() }
        let rubric = assessment.rubric
        let questionnaire = assessment.questionnaire
        try statement.bind(1, Int64(clientID))
        try statement.bind(2, rubric.id, in: arena)
        try statement.bind(3, rubric.title, in: arena)
        try statement.bind(4, rubric.version, in: arena)
        try statement.bind(5, rubric.sha256, in: arena)
        try statement.bind(6, questionnaire.sha256, in: arena)
        try statement.bind(7, questionnaire.path, in: arena)
        try statement.bind(8, questionnaire.assessedOn, in: arena)
        try statement.bind(9, questionnaire.assessor, in: arena)
        try statement.bind(10, assessment.overall)
        try statement.bind(11, assessment.verdict.rawValue, in: arena)
        try statement.bind(12, assessment.veto, in: arena)
        try statement.bind(13, assessment.coverage)
        try statement.bind(14, when, in: arena)
        json.clear()
        answerValues.removeAll(keepingCapacity: true)
        StoredQuestionnaire.write(assessment, into: json, answerValues: &answerValues)
        try statement.bind(15, stableText: arena.copy(json.buffer))
        try statement.execute()
        // DO NOTHING changed no row when the assessment was there already.
        return connection.changes == 1 ? Int(connection.lastInsertedRowID) : nil
    }

    private func existing(_ assessment: Assessment, clientID: Int) throws(HistoryError) -> Int {
        let statement = findAssessment
        defer { statement.clearBindings() }
        try statement.bind(1, Int64(clientID))
        try statement.bind(2, assessment.rubric.sha256, in: arena)
        try statement.bind(3, assessment.questionnaire.sha256, in: arena)
        guard let id = try statement.execute() else { throw noRow("assessments") }
        return id
    }

    private func noRow(_ table: String) -> HistoryError {
        HistoryError(path: connection.path, reason: .sqlite(code: 1, message: "no row came back from \(table)", sql: nil))
    }
}

@available(*, unavailable)
extension RecordWriter: Sendable {}
