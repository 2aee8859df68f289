import Assessment

extension HistoryStore {
    /// The default smallest peer group shown: fewer clients than this would say too much about each of them.
    public static let defaultMinimumPeers = 5

    /// The trend since the client's previous assessment and the peer percentiles, for `assessment`.
    ///
    /// The assessment need not be recorded; when it is, only assessments before it count as previous.
    /// Peers are the clients of the same industry (trimmed, case-folded) with an assessment under the same rubric id,
    /// each counted by their latest one; this client counts with `assessment` itself.
    public func comparison(
        for assessment: Assessment, minimumPeers: Int = HistoryStore.defaultMinimumPeers
    ) throws(HistoryError) -> AssessmentComparison {
        guard hasSchema else { return AssessmentComparison() }
        let client = assessment.client
        let key = ClientIdentity.key(id: client.id, name: client.name, email: client.email)
        return AssessmentComparison(
            previous: try previous(of: assessment, clientKey: key),
            peers: try peers(of: assessment, clientKey: key, minimum: minimumPeers))
    }

    private func previous(of assessment: Assessment, clientKey: String) throws(HistoryError) -> AssessmentComparison.Previous? {
        let mine = try connection.prepare("""
            SELECT \(Self.summaryColumns) FROM assessments a JOIN clients c ON c.id = a.client_id
            WHERE c.key = ? AND a.rubric_id = ? ORDER BY \(Self.chronological)
            """).rows([.text(clientKey), .text(assessment.rubric.id)]) { Self.summary($0, from: 0) }
        let current = mine.firstIndex {
            $0.rubricSHA256 == assessment.rubric.sha256 && $0.questionnaireSHA256 == assessment.questionnaire.sha256
        }
        let earlier = mine[..<(current ?? mine.endIndex)].filter { $0.questionnaireSHA256 != assessment.questionnaire.sha256 }
        guard let latestDate = earlier.last?.date else { return nil }
        // One questionnaire may be recorded under several versions of the rubric: prefer the version used now.
        let sameDay = earlier.filter { $0.date == latestDate && $0.questionnaireSHA256 == earlier.last?.questionnaireSHA256 }
        guard let chosen = sameDay.last(where: { $0.rubricSHA256 == assessment.rubric.sha256 }) ?? sameDay.last else { return nil }
        return AssessmentComparison.Previous(
            date: chosen.date, recordedAt: chosen.recordedAt, overall: chosen.overall, verdict: chosen.verdict,
            scores: try scores(of: chosen.id))
    }

    private func peers(of assessment: Assessment, clientKey: String, minimum: Int) throws(HistoryError) -> AssessmentComparison.Peers? {
        guard let industry = assessment.client.industry, !ClientIdentity.normalise(industry).isEmpty else { return nil }
        let latest = try connection.prepare("""
            SELECT a.id FROM clients c JOIN assessments a ON a.id = (
                SELECT a.id FROM assessments a WHERE a.client_id = c.id AND a.rubric_id = ?
                ORDER BY \(Self.latestFirst) LIMIT 1)
            WHERE c.industry_key = ? AND c.key != ?
            """).rows([.text(assessment.rubric.id), .text(ClientIdentity.normalise(industry)), .text(clientKey)]) { $0.int(0) }
        let groupSize = latest.count + 1
        guard groupSize >= minimum else { return nil }
        var others: [[String: Double]] = []
        for id in latest { others.append(try scores(of: id)) }
        var percentiles: [String: Double] = [:]
        for criterion in assessment.criteria {
            guard let own = criterion.score else { continue }
            let group = others.compactMap { $0[criterion.id] } + [own]
            let atOrBelow = group.filter { $0 <= own }.count
            percentiles[criterion.id] = (Double(atOrBelow) / Double(group.count) * 1000).rounded() / 10
        }
        return AssessmentComparison.Peers(industry: industry, groupSize: groupSize, percentiles: percentiles)
    }

    private func scores(of assessmentID: Int) throws(HistoryError) -> [String: Double] {
        let rows = try statement("SELECT criterion, score FROM criterion_scores WHERE assessment_id = ? AND score IS NOT NULL")
            .rows([.integer(Int64(assessmentID))]) { ($0.string(0), $0.double(1)) }
        return Dictionary(rows, uniquingKeysWith: { first, _ in first })
    }
}
