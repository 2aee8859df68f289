import Assessment
import Testing

@testable import History

@Suite struct RecordingTests {
    @Test func aNewDatabaseHasTheLatestSchemaWALAndForeignKeys() throws {
        try withDatabase { path in
            let store = try HistoryStore(path: path)
            #expect(try store.schemaVersion() == Schema.latestVersion)
            #expect(try store.connection.text("PRAGMA journal_mode") == "wal")
            #expect(try store.connection.integer("PRAGMA foreign_keys") == 1)
            #expect(try store.integrityCheck() == "ok")
        }
    }

    @Test func everyPartOfAnAssessmentIsStored() throws {
        let assessment = try assess()
        try withDatabase { path in
            let store = try HistoryStore(path: path)
            #expect(try store.record(assessment).isNew)
            let counts = try store.tableCounts()
            #expect(counts["clients"] == 1)
            #expect(counts["assessments"] == 1)
            #expect(counts["answers"] == assessment.answers.filter { $0.answer != nil }.count)
            #expect(counts["criterion_scores"] == assessment.criteria.count)
            #expect(counts["rules_fired"] == assessment.rules.filter(\.fired).count)
            #expect((counts["rules_fired"] ?? 0) > 0)
        }
    }

    @Test func theSameQuestionnaireUnderTheSameRubricIsRecordedOnce() throws {
        let assessment = try assess()
        try withDatabase { path in
            let first = try HistoryStore(path: path).record(assessment)
            // A second process (a second store) scoring the same file again.
            let second = try HistoryStore(path: path).record(assessment)
            #expect(first == .recorded(first.id))
            #expect(second == .alreadyRecorded(first.id))
            #expect(try HistoryStore(path: path).tableCounts()["assessments"] == 1)
        }
    }

    @Test func aChangedQuestionnaireOfTheSameClientIsANewAssessmentOfThatClient() throws {
        let base = try assess()
        try withDatabase { path in
            let store = try HistoryStore(path: path)
            try store.record(base)
            var changed = base
            changed.questionnaire.sha256 = String(repeating: "a", count: 64)
            #expect(try store.record(changed).isNew)
            #expect(try store.tableCounts()["clients"] == 1)
            #expect(try store.clients().first?.assessmentCount == 2)
        }
    }

    @Test func clientsWithoutAnIdAreOneClientByTrimmedCaseFoldedNameAndEmail() throws {
        let base = try assess()
        try withDatabase { path in
            let store = try HistoryStore(path: path)
            try store.record(variant(of: base, name: "Maya Fit", email: "maya@example.com", sha: "1"))
            try store.record(variant(of: base, name: "  MAYA fit ", email: "Maya@Example.com ", sha: "2"))
            try store.record(variant(of: base, name: "Maya Fit", email: "other@example.com", sha: "3"))
            let clients = try store.clients()
            #expect(clients.count == 2)
            #expect(clients.map(\.assessmentCount).sorted() == [1, 2])
        }
    }

    @Test func anExplicitClientIdWinsOverNameAndEmail() throws {
        let base = try assess()
        try withDatabase { path in
            let store = try HistoryStore(path: path)
            try store.record(variant(of: base, id: "acme", name: "Acme Ltd", sha: "1"))
            try store.record(variant(of: base, id: " ACME ", name: "Acme Limited (renamed)", sha: "2"))
            let clients = try store.clients()
            #expect(clients.count == 1)
            #expect(clients.first?.name == "Acme Limited (renamed)")
            #expect(try store.clients(matching: "acme").count == 1)
            #expect(try store.clients(matching: "acme limited (RENAMED)").count == 1)
        }
    }

    @Test func aBatchIsRecordedInOneTransactionAndReportsEachOutcome() throws {
        let base = try assess()
        try withDatabase { path in
            let store = try HistoryStore(path: path)
            let batch = (0..<50).map { variant(of: base, name: "Client \($0)", sha: "sha-\($0)") }
            let outcomes = try store.record(batch + [batch[0]])
            #expect(outcomes.filter(\.isNew).count == 50)
            #expect(outcomes.last == .alreadyRecorded(outcomes[0].id))
            #expect(try store.tableCounts()["assessments"] == 50)
        }
    }

    @Test func historyGivesEachScoresChangeSinceThePreviousAssessment() throws {
        let base = try assess()
        try withDatabase { path in
            let store = try HistoryStore(path: path)
            // Recorded out of order: the questionnaire's date decides the order.
            try store.record(variant(of: base, id: "c", name: "C", sha: "2", assessedOn: "2026-01-01", scores: 70))
            try store.record(variant(of: base, id: "c", name: "C", sha: "1", assessedOn: "2025-01-01", scores: 60))
            let entries = try store.history(clientKey: "id:c")
            #expect(entries.map(\.assessment.date) == ["2025-01-01", "2026-01-01"])
            #expect(entries[0].overallChange == nil)
            #expect(entries[1].overallChange == 10)
            #expect(entries[1].criteria.allSatisfy { $0.change == 10 })
            #expect(entries[1].criteria.count == base.criteria.count)
        }
    }

    @Test func exportHasOneRowPerAssessmentAndCriterion() throws {
        let base = try assess()
        try withDatabase { path in
            let store = try HistoryStore(path: path)
            try store.record([variant(of: base, name: "A", sha: "1"), variant(of: base, name: "B", sha: "2")])
            let rows = try store.exportRows()
            #expect(rows.count == 2 * base.criteria.count)
            #expect(Set(rows.map(\.client.name)) == ["A", "B"])
        }
    }

    @Test func aStoredQuestionnaireScoresTheSameAgainUnderTheSameRubric() throws {
        let base = try assess()
        let rubric = try #require(defaultRubric)
        try withDatabase { path in
            let store = try HistoryStore(path: path)
            try store.record(base)
            let results = Rescoring.rescore(try store.storedQuestionnaires(), with: rubric)
            let again = try #require(try results.first?.outcome.get())
            #expect(results.count == 1)
            #expect(again.overall == base.overall)
            #expect(again.verdict == base.verdict)
            #expect(again.criteria.map(\.score) == base.criteria.map(\.score))
            #expect(again.questionnaire.sha256 == base.questionnaire.sha256)
            #expect(again.client == base.client)
            #expect(try store.record(again) == .alreadyRecorded(1))
        }
    }
}
