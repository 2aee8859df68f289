import Foundation
import Testing

/// `insource questionnaire new`, end to end: the blank it writes can be filled in and scored.
@Suite("insource questionnaire new")
struct QuestionnaireCommandTests {
    static let client = "Ana's \"Café\""

    /// An answer in YAML that the rubric accepts for `question` (an entry of `rubric show --format json`).
    static func answer(for question: [String: Any]) throws -> String {
        let type = try #require(question["type"] as? String)
        let choices = (question["choices"] as? [[String: Any]] ?? []).compactMap { $0["value"] as? String }
        switch type {
        case "scale": return String(Int(try #require(question["min"] as? Double)))
        case "boolean": return "true"
        case "number": return String(question["min"] as? Double ?? 0)
        case "choice": return try #require(choices.first)
        case "multi-choice": return "[\(try #require(choices.first))]"
        default: return "\"Written by the questionnaire test, long enough to count.\""
        }
    }

    @Test("new writes a questionnaire naming every question, which scores once the test fills it in")
    func newThenScore() throws {
        let description = try Insource.run(["rubric", "show", "social-media", "--format", "json"]).json()
        let questions = try #require(description["questions"] as? [[String: Any]])
        try withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("ana.yaml")
            let created = try Insource.run(["questionnaire", "new", "--rubric", "social-media", "--client", Self.client, "-o", file.path])
            #expect(created.status == 0, "\(created)")
            var text = try String(contentsOf: file, encoding: .utf8)
            #expect(text.contains("rubric: social-media"))

            // Unfilled, it is a valid questionnaire with nothing answered, so required questions are missing.
            let blank = try Insource.run(["score", file.path])
            #expect(blank.status == 1, "\(blank)")
            #expect(blank.stderr.contains("is not answered"))

            var lines = text.components(separatedBy: "\n")
            for question in questions {
                let id = try #require(question["id"] as? String)
                let index = try #require(lines.firstIndex(of: "  \(id):"), "the blank questionnaire has no line for '\(id)'")
                lines[index] += " " + (try Self.answer(for: question))
            }
            text = lines.joined(separator: "\n")
            try write(text, to: file)

            let scored = try Insource.run(["score", file.path, "--format", "json"])
            #expect(scored.status == 0, "\(scored)")
            let json = try scored.json()
            #expect((json["client"] as? [String: Any])?["name"] as? String == Self.client)
            #expect((json["missing"] as? [Any])?.isEmpty == true)
            #expect(json["coverage"] as? Double == 1)

            let summary = try Insource.run(["score", file.path])
            #expect(summary.status == 0)
            #expect(summary.stdout.hasPrefix("\(Self.client): "), "\(summary.stdout.prefix(80))")
        }
    }

    @Test("new prints to standard output without -o, with the prompts as comments")
    func newToStandardOutput() throws {
        let result = try Insource.run(["questionnaire", "new", "--rubric", "social-media"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("# Questionnaire for the rubric 'social-media'"))
        #expect(result.stdout.contains("  # How many of your regular followers could you or your team recognise by name? (required)"))
        #expect(result.stdout.contains("\n  followers_known_by_name:\n"))
    }

    @Test("-o refuses to overwrite an existing file and leaves it untouched")
    func refusesToOverwrite() throws {
        try withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("existing.yaml")
            try write("precious: true\n", to: file)
            let result = try Insource.run(["questionnaire", "new", "--rubric", "social-media", "-o", file.path])
            #expect(result.status != 0, "\(result)")
            #expect(result.stderr.contains("already exists"))
            #expect(try String(contentsOf: file, encoding: .utf8) == "precious: true\n")
        }
    }

    @Test("new for an unknown rubric exits 1")
    func unknownRubric() throws {
        let result = try Insource.run(["questionnaire", "new", "--rubric", "no-such-rubric"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("no rubric with id 'no-such-rubric'"))
    }
}
