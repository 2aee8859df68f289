import Assessment
import Foundation
import Testing

@testable import History

/// Text from a questionnaire is data: bound as parameters, stored verbatim, never able to reach other rows or the schema.
@Suite struct HostileTextTests {
    static let hostile = [
        "'); DROP TABLE clients; --",
        "Robert'); DELETE FROM assessments; --",
        "\" OR 1=1; UPDATE clients SET name = 'x'; --",
        "x'; ATTACH DATABASE '/tmp/evil.sqlite' AS evil; --",
        "Zoë \u{0} nul and ☃ and \u{1F}",
    ]

    @Test(arguments: hostile)
    func sqlInAQuestionnaireIsStoredVerbatimAndChangesNoOtherRow(_ text: String) throws {
        let base = try assess()
        try withDatabase { path in
            let store = try HistoryStore(path: path)
            try store.record(variant(of: base, id: "bystander", name: "Bystander", sha: "b"))
            let schema = try store.schemaObjects()
            let before = try store.exportRows()

            var hostile = variant(of: base, id: text, name: text, email: nil, industry: text, sha: text)
            hostile.questionnaire.assessor = text
            hostile.questionnaire.path = text
            hostile.rubric.title = text
            #expect(try store.record(hostile).isNew)

            #expect(try store.schemaObjects() == schema)
            #expect(try store.integrityCheck() == "ok")
            let rows = try store.exportRows()
            #expect(rows.filter { $0.client.name == "Bystander" } == before)
            let stored = try #require(rows.first { $0.client.name != "Bystander" })
            #expect(stored.client.name == text)
            #expect(stored.client.explicitID == text)
            #expect(stored.client.industry == text)
            #expect(stored.assessment.questionnaireSHA256 == text)
            #expect(try store.clients().count == 2)
            #expect(!FileManager.default.fileExists(atPath: "/tmp/evil.sqlite"))
        }
    }
}
