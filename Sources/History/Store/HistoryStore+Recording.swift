import Assessment

/// What recording one assessment did.
public enum RecordOutcome: Sendable, Hashable {
    /// A new assessment, with its row id.
    case recorded(Int)
    /// The same client, rubric and questionnaire were already recorded (with this row id); nothing was added.
    case alreadyRecorded(Int)

    public var id: Int {
        switch self {
        case .recorded(let id), .alreadyRecorded(let id): return id
        }
    }

    public var isNew: Bool {
        if case .recorded = self { return true }
        return false
    }
}

extension HistoryStore {
    /// Records one assessment in its own transaction.
    @discardableResult
    public func record(_ assessment: Assessment, recordedAt: String? = nil) throws(HistoryError) -> RecordOutcome {
        try writeTransaction { () throws(HistoryError) in try insert(assessment, at: recordedAt ?? Timestamp.now()) }
    }

    /// Records many assessments in one transaction: all or none, and much faster than one transaction each.
    @discardableResult
    public func record(_ assessments: [Assessment], recordedAt: String? = nil) throws(HistoryError) -> [RecordOutcome] {
        let when = recordedAt ?? Timestamp.now()
        return try writeTransaction { () throws(HistoryError) in
            var outcomes: [RecordOutcome] = []
            outcomes.reserveCapacity(assessments.count)
            for assessment in assessments { outcomes.append(try insert(assessment, at: when)) }
            return outcomes
        }
    }

    private func insert(_ assessment: Assessment, at when: String) throws(HistoryError) -> RecordOutcome {
        let client = assessment.client
        let upsert = try statement("""
            INSERT INTO clients (key, explicit_id, name, email, industry, industry_key, owner, employees, website, location)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (key) DO UPDATE SET explicit_id = excluded.explicit_id, name = excluded.name, email = excluded.email,
                industry = excluded.industry, industry_key = excluded.industry_key, owner = excluded.owner,
                employees = excluded.employees, website = excluded.website, location = excluded.location
            RETURNING id
            """)
        try upsert.bind([
            .text(ClientIdentity.key(id: client.id, name: client.name, email: client.email)), text(client.id), .text(client.name),
            text(client.email), text(client.industry), text(client.industry.map(ClientIdentity.normalise)), text(client.owner),
            client.employees.map { .integer(Int64($0)) } ?? .null, text(client.website), text(client.location),
        ])
        guard try upsert.step() else { throw noRow("clients") }
        let clientID = upsert.int(0)
        while try upsert.step() {}

        let insertAssessment = try statement("""
            INSERT INTO assessments (client_id, rubric_id, rubric_title, rubric_version, rubric_sha256, questionnaire_sha256,
                questionnaire_path, assessed_on, assessor, overall, verdict, veto, coverage, recorded_at, questionnaire_json)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (client_id, rubric_sha256, questionnaire_sha256) DO NOTHING
            RETURNING id
            """)
        let rubric = assessment.rubric
        let questionnaire = assessment.questionnaire
        try insertAssessment.bind([
            .integer(Int64(clientID)), .text(rubric.id), .text(rubric.title), .text(rubric.version), .text(rubric.sha256),
            .text(questionnaire.sha256), .text(questionnaire.path), text(questionnaire.assessedOn), text(questionnaire.assessor),
            real(assessment.overall), .text(assessment.verdict.rawValue), text(assessment.veto), .real(assessment.coverage),
            .text(when), .text(StoredQuestionnaire(assessment).json()),
        ])
        guard try insertAssessment.step() else {
            let existing = try statement("""
                SELECT id FROM assessments WHERE client_id = ? AND rubric_sha256 = ? AND questionnaire_sha256 = ?
                """)
            try existing.bind([.integer(Int64(clientID)), .text(rubric.sha256), .text(questionnaire.sha256)])
            guard try existing.step() else { throw noRow("assessments") }
            let id = existing.int(0)
            while try existing.step() {}
            return .alreadyRecorded(id)
        }
        let assessmentID = Int64(insertAssessment.int(0))
        while try insertAssessment.step() {}

        let insertAnswer = try statement(
            "INSERT INTO answers (assessment_id, question, criterion, answer_json, display) VALUES (?, ?, ?, ?, ?)")
        for answer in assessment.answers {
            guard let value = answer.answer else { continue }
            try insertAnswer.run([
                .integer(assessmentID), .text(answer.question), .text(answer.criterion), .text(JSONText.value(value)),
                .text(answer.display),
            ])
        }
        let insertScore = try statement(
            "INSERT INTO criterion_scores (assessment_id, criterion, position, title, weight, score, band) VALUES (?, ?, ?, ?, ?, ?, ?)")
        for (position, criterion) in assessment.criteria.enumerated() {
            try insertScore.run([
                .integer(assessmentID), .text(criterion.id), .integer(Int64(position)), .text(criterion.title), .real(criterion.weight),
                real(criterion.score), text(criterion.band),
            ])
        }
        let insertRule = try statement("INSERT INTO rules_fired (assessment_id, rule, explanation) VALUES (?, ?, ?)")
        for rule in assessment.rules where rule.fired {
            try insertRule.run([.integer(assessmentID), .text(rule.id), text(rule.explanation)])
        }
        return .recorded(Int(assessmentID))
    }

    private func text(_ value: String?) -> Statement.Value { value.map { .text($0) } ?? .null }
    private func real(_ value: Double?) -> Statement.Value { value.map { .real($0) } ?? .null }

    private func noRow(_ table: String) -> HistoryError {
        HistoryError(path: path, reason: .sqlite(code: 1, message: "no row came back from \(table)", sql: nil))
    }
}
