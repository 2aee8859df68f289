import Assessment

extension HistoryStore {
    /// The latest assessment of each client (of the clients whose key is in `clientKeys`, when given), with the
    /// stored questionnaire it was made from: what `insource mail` sends when no batch directory is named.
    public func latestAssessments(clientKeys: Set<String>? = nil) throws(HistoryError) -> [StoredEntry] {
        guard hasSchema else { return [] }
        let entries = try connection.prepare("""
            SELECT \(Self.storedEntryColumns)
            FROM clients c
            JOIN assessments a ON a.id = (SELECT max(b.id) FROM assessments b WHERE b.client_id = c.id)
            ORDER BY lower(c.name), c.key
            """).rows([], Self.storedEntry)
        guard let clientKeys else { return entries }
        return entries.filter { clientKeys.contains($0.client.key) }
    }

    /// The assessment of a questionnaire (by content) under a rubric (by content), the latest if several clients
    /// sent the same file: how a batch's journal entries are found again.
    public func storedAssessment(questionnaireSHA256: String, rubricSHA256: String) throws(HistoryError) -> StoredEntry? {
        guard hasSchema else { return nil }
        return try statement("""
            SELECT \(Self.storedEntryColumns)
            FROM assessments a JOIN clients c ON c.id = a.client_id
            WHERE a.questionnaire_sha256 = ?1 AND a.rubric_sha256 = ?2
            ORDER BY a.id DESC LIMIT 1
            """).rows([.text(questionnaireSHA256), .text(rubricSHA256)], Self.storedEntry).first
    }
}
