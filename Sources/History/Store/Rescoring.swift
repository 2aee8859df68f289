import Assessment

/// One stored questionnaire scored again: its latest earlier assessment beside the new one.
public struct RescoreResult: Sendable {
    public var entry: StoredEntry
    /// The new assessment, or why the stored questionnaire does not fit the new rubric.
    public var outcome: Result<Assessment, DiagnosticsError>

    /// True when the verdict differs from the stored one (or the questionnaire no longer fits).
    public var verdictChanged: Bool {
        guard case .success(let assessment) = outcome else { return true }
        return assessment.verdict != entry.assessment.verdict
    }
}

/// Scores stored questionnaires under another rubric (or another version of the same one).
public enum Rescoring {
    /// Each entry scored under `rubric`. Answers to questions the rubric no longer asks are left out, so a
    /// version that drops a question still scores the rest; the new assessment keeps the original file's
    /// SHA-256 and path, so it stays the same questionnaire of the same client.
    public static func rescore(_ entries: [StoredEntry], with rubric: Rubric) -> [RescoreResult] {
        let questions = Set(rubric.questions.map(\.id))
        return entries.map { entry in
            let path = entry.questionnairePath + " (as stored in the history)"
            do throws(DiagnosticsError) {
                let stored: StoredQuestionnaire
                do {
                    stored = try StoredQuestionnaire(json: entry.json)
                } catch {
                    throw DiagnosticsError([Diagnostic(.error, "the stored questionnaire cannot be read: \(error)", path: path)])
                }
                let document = try QuestionnaireLoader.read(bytes: Array(stored.json(keeping: questions).utf8), path: path)
                var assessment = Scorer.score(try QuestionnaireLoader.check(document, against: rubric), with: rubric)
                assessment.questionnaire.sha256 = entry.assessment.questionnaireSHA256
                assessment.questionnaire.path = entry.questionnairePath
                return RescoreResult(entry: entry, outcome: .success(assessment))
            } catch {
                return RescoreResult(entry: entry, outcome: .failure(error))
            }
        }
    }
}
