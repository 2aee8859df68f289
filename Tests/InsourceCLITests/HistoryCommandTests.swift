import Foundation
import History
import Testing

@Suite struct HistoryCommandTests {
    @Test func scoreRecordsEachAssessmentOnceInTheDatabaseGivenByDb() throws {
        try withTemporaryDirectory { directory in
            let db = directory.appendingPathComponent("h.sqlite").path
            for _ in 0..<2 {
                let result = try Insource.run(["score", "Rubrics/examples/maya-fit.yaml", "--db", db])
                #expect(result.status == 0, "\(result)")
            }
            let store = try HistoryStore(path: db, access: .read)
            #expect(try store.tableCounts()["assessments"] == 1)
            #expect(try store.clients().map(\.name) == ["Maya Fit"])
        }
    }

    @Test func scoreRecordsUnderXDGDataHomeOrINSOURCEDBAndNotAtAllWithNoHistory() throws {
        try withTemporaryDirectory { directory in
            let data = directory.appendingPathComponent("data").path
            let none = try Insource.run(["score", "Rubrics/examples/maya-fit.yaml", "--no-history"], environment: ["XDG_DATA_HOME": data])
            #expect(none.status == 0)
            #expect(!FileManager.default.fileExists(atPath: data + "/insource/history.sqlite"))
            let xdg = try Insource.run(["score", "Rubrics/examples/maya-fit.yaml"], environment: ["XDG_DATA_HOME": data])
            #expect(xdg.status == 0, "\(xdg)")
            #expect(FileManager.default.fileExists(atPath: data + "/insource/history.sqlite"))
            let variable = directory.appendingPathComponent("from-env.sqlite").path
            let env = try Insource.run(["score", "Rubrics/examples/maya-fit.yaml"], environment: ["XDG_DATA_HOME": data, "INSOURCE_DB": variable])
            #expect(env.status == 0, "\(env)")
            #expect(try HistoryStore(path: variable, access: .read).clients().count == 1)
        }
    }

    @Test func historyListsEveryShippedExampleWithItsLatestVerdict() throws {
        try withTemporaryDirectory { directory in
            let db = directory.appendingPathComponent("h.sqlite").path
            for example in shippedExamples {
                #expect(try Insource.run(["score", "Rubrics/examples/\(example)", "--db", db]).status == 0)
            }
            let text = try Insource.run(["history", "--db", db])
            #expect(text.status == 0, "\(text)")
            let lines = text.stdout.split(separator: "\n")
            #expect(lines.count == 6)
            #expect(lines.contains { $0.hasPrefix("Rosa's Bakery") && $0.hasSuffix("keep-in-house") })
            #expect(lines.contains { $0.hasPrefix("Northgate Parts") && $0.hasSuffix("outsource") })
            let json = try Insource.run(["history", "--db", db, "--format", "json"])
            let clients = try #require(try JSONSerialization.jsonObject(with: Data(json.stdoutBytes)) as? [[String: Any]])
            #expect(clients.count == 5)
            #expect(clients.compactMap { ($0["latest"] as? [String: Any])?["verdict"] as? String }.count == 5)
        }
    }

    @Test func aClientsHistoryShowsEachScoresChangeSinceThePreviousAssessment() throws {
        try withTemporaryDirectory { directory in
            let db = directory.appendingPathComponent("h.sqlite").path
            var later = try String(contentsOfFile: packagePath("Rubrics/examples/rosas-bakery.yaml"), encoding: .utf8)
            later = later.replacingOccurrences(of: "assessed_on: \"2026-11-03\"", with: "assessed_on: \"2027-11-03\"")
                .replacingOccurrences(of: "followers_known_by_name: 5", with: "followers_known_by_name: 1")
            let laterPath = directory.appendingPathComponent("rosa-2027.yaml")
            try write(later, to: laterPath)
            #expect(try Insource.run(["score", "Rubrics/examples/rosas-bakery.yaml", "--db", db]).status == 0)
            #expect(try Insource.run(["score", laterPath.path, "--db", db]).status == 0)

            let text = try Insource.run(["history", "ROSAS-BAKERY", "--db", db])
            #expect(text.status == 0, "\(text)")
            let dated = text.stdout.split(separator: "\n").filter { $0.hasPrefix("20") }
            #expect(dated.count == 2)
            #expect(dated.first?.contains("(") == false, "the first assessment has no change: \(text.stdout)")
            #expect(dated.last?.contains("overall 84.8") == false)
            #expect(text.stdout.contains("Emotional connection with the audience  100.0\n"))
            #expect(text.stdout.contains(" (-"), "a lower answer shows as a fall: \(text.stdout)")

            let csv = try Insource.run(["history", "Rosa's Bakery", "--db", db, "--format", "csv"])
            let rows = csv.stdout.split(separator: "\r\n")
            #expect(rows.count == 1 + 2 * 4)
            #expect(rows.last?.hasPrefix("2027-11-03,social-media,1.0.0,") == true)
        }
    }

    @Test func exportHasOneRowPerAssessmentAndCriterionInCSVAndJSON() throws {
        try withTemporaryDirectory { directory in
            let db = directory.appendingPathComponent("h.sqlite").path
            for example in shippedExamples {
                #expect(try Insource.run(["score", "Rubrics/examples/\(example)", "--db", db]).status == 0)
            }
            let csv = try Insource.run(["export", "--format", "csv", "--db", db])
            #expect(csv.status == 0, "\(csv)")
            let rows = csv.stdout.split(separator: "\r\n")
            #expect(rows.count == 1 + 5 * 4)
            #expect(rows.first?.hasPrefix("client_id,client,email,industry,assessment,date") == true)
            let json = try Insource.run(["export", "--format", "json", "--db", db])
            let objects = try #require(try JSONSerialization.jsonObject(with: Data(json.stdoutBytes)) as? [[String: Any]])
            #expect(objects.count == 20)
        }
    }

    @Test func rescorePrintsChangedVerdictsFirstAndSaveRecordsTheNewAssessments() throws {
        try withTemporaryDirectory { directory in
            let db = directory.appendingPathComponent("h.sqlite").path
            for example in shippedExamples {
                #expect(try Insource.run(["score", "Rubrics/examples/\(example)", "--db", db]).status == 0)
            }
            // Outsourcing up to 50 instead of 35: Harbour Coffee (49.2, hybrid) becomes an outsource verdict.
            let stricter = try rubricVariant(
                in: directory, name: "stricter.yaml", version: "1.1.0",
                edits: [("    from: 0\n    to: 35\n", "    from: 0\n    to: 50\n"), ("    from: 35\n    to: 70\n", "    from: 50\n    to: 70\n")])
            let dry = try Insource.run(["rescore", "--rubric", stricter, "--db", db])
            #expect(dry.status == 0, "\(dry)")
            let lines = dry.stdout.split(separator: "\n")
            #expect(lines.first?.contains("Rescored 5 questionnaires under social-media 1.1.0") == true, "\(dry.stdout)")
            #expect(lines.first?.hasSuffix("1 verdict changed.") == true)
            #expect(lines[2].hasPrefix("*  Harbour Coffee"), "\(dry.stdout)")
            #expect(lines[2].hasSuffix("outsource (49.2)"))
            #expect(try HistoryStore(path: db, access: .read).tableCounts()["assessments"] == 5, "without --save nothing is recorded")

            let saved = try Insource.run(["rescore", "--rubric", stricter, "--db", db, "--save"])
            #expect(saved.status == 0, "\(saved)")
            #expect(saved.stdout.split(separator: "\n").filter { $0.hasPrefix("recorded ") }.count == 5)
            let store = try HistoryStore(path: db, access: .read)
            #expect(try store.tableCounts()["assessments"] == 10)
            #expect(try store.clients().first { $0.name.hasPrefix("Harbour") }?.latest.verdict.rawValue == "outsource")
        }
    }
}
