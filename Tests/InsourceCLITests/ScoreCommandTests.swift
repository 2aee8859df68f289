import Foundation
import Testing

/// `insource score`, end to end on the built executable.
@Suite("insource score")
struct ScoreCommandTests {
    static let examples: [(file: String, verdict: String, phrase: String)] = [
        ("rosas-bakery.yaml", "keep-in-house", "KEEP IN-HOUSE"),
        ("northgate-parts.yaml", "outsource", "OUTSOURCE"),
        ("harbour-coffee-franchise.json", "hybrid", "HYBRID"),
        ("maya-fit.yaml", "keep-in-house", "KEEP IN-HOUSE"),
        ("lakeside-dental-partial.yaml", "inconclusive", "INCONCLUSIVE"),
    ]
    static let files = examples.map(\.file)

    static func verdict(of file: String) throws -> (verdict: String, phrase: String) {
        let example = try #require(examples.first { $0.file == file })
        return (example.verdict, example.phrase)
    }

    @Test("score prints each example's verdict and exits 0", arguments: files)
    func textVerdict(_ file: String) throws {
        let result = try Insource.run(["score", "Rubrics/examples/\(file)"])
        #expect(result.status == 0, "\(result)")
        let firstLine = try #require(result.stdout.split(separator: "\n").first)
        #expect(firstLine.contains(try Self.verdict(of: file).phrase), "\(firstLine)")
        #expect(firstLine.contains("rubric social-media 1.0.0"))
        #expect(result.stdout.contains("Coverage: "))
        #expect(result.stderr.isEmpty, "\(result.stderr)")
    }

    @Test("score --format json prints valid JSON with every documented key", arguments: files)
    func jsonShape(_ file: String) throws {
        let result = try Insource.run(["score", "Rubrics/examples/\(file)", "--format", "json"])
        #expect(result.status == 0, "\(result)")
        let json = try result.json()
        for key in ["schema_version", "client", "rubric", "questionnaire", "criteria", "overall", "verdict", "veto", "rules", "flags", "coverage", "missing", "generated_by"] {
            #expect(json.keys.contains(key), "\(file): the key '\(key)' is missing")
        }
        #expect(json["schema_version"] as? Int == 1)
        #expect(json["verdict"] as? String == (try Self.verdict(of: file).verdict))
        #expect((json["client"] as? [String: Any])?["name"] is String)

        let rubric = try #require(json["rubric"] as? [String: Any])
        #expect(rubric["id"] as? String == "social-media")
        #expect(rubric["version"] as? String == "1.0.0")
        let rubricBytes = try Array(Data(contentsOf: URL(fileURLWithPath: packagePath("Rubrics/social-media.yaml"))))
        #expect(rubric["sha256"] as? String == sha256Hex(rubricBytes))

        let questionnaire = try #require(json["questionnaire"] as? [String: Any])
        #expect(questionnaire["path"] as? String == "Rubrics/examples/\(file)")
        let questionnaireBytes = try Array(Data(contentsOf: URL(fileURLWithPath: packagePath("Rubrics/examples/\(file)"))))
        #expect(questionnaire["sha256"] as? String == sha256Hex(questionnaireBytes))

        let criteria = try #require(json["criteria"] as? [[String: Any]])
        #expect(criteria.map { $0["id"] as? String } == ["emotional_connection", "real_time_responsiveness", "leadership", "core_competency"])
        for criterion in criteria {
            for key in ["id", "title", "weight", "score", "band", "contributions"] {
                #expect(criterion.keys.contains(key), "\(file): criterion \(criterion["id"] ?? "?") lacks '\(key)'")
            }
            #expect(criterion["contributions"] is [[String: Any]])
        }

        let rules = try #require(json["rules"] as? [[String: Any]])
        #expect(!rules.isEmpty)
        for rule in rules {
            for key in ["id", "fired", "effect", "explanation"] {
                #expect(rule.keys.contains(key), "\(file): rule \(rule["id"] ?? "?") lacks '\(key)'")
            }
            #expect(rule["fired"] is Bool)
        }
        #expect(json["flags"] is [[String: Any]])
        #expect(json["missing"] is [[String: Any]])
        #expect(json["coverage"] is NSNumber)
        let generator = try #require(json["generated_by"] as? [String: Any])
        #expect(generator["name"] as? String == "insource")
        #expect(generator["version"] is String)
    }

    @Test("the JSON of the veto example names the veto rule")
    func jsonVeto() throws {
        let json = try Insource.run(["score", "Rubrics/examples/maya-fit.yaml", "--format", "json"]).json()
        #expect(json["veto"] as? String == "audience_is_the_product")
        let rules = try #require(json["rules"] as? [[String: Any]])
        let veto = try #require(rules.first { $0["id"] as? String == "audience_is_the_product" })
        #expect(veto["fired"] as? Bool == true)
        #expect((veto["effect"] as? [String: Any])?["veto"] as? String == "keep-in-house")
    }

    @Test("scoring the same file twice prints identical bytes", arguments: ["rosas-bakery.yaml", "harbour-coffee-franchise.json"])
    func deterministicOutput(_ file: String) throws {
        for format in ["json", "text"] {
            let first = try Insource.run(["score", "Rubrics/examples/\(file)", "--format", format])
            let second = try Insource.run(["score", "Rubrics/examples/\(file)", "--format", format])
            #expect(first.status == 0)
            #expect(first.stdoutBytes == second.stdoutBytes, "\(format)")
            #expect(!first.stdoutBytes.isEmpty)
        }
    }

    @Test("an invalid questionnaire exits 1 with a compiler-style diagnostic whose caret sits under the column")
    func invalidQuestionnaire() throws {
        try withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("bad.yaml")
            try write("""
                rubric: social-media
                client:
                  name: Bad Answers Ltd
                answers:
                  followers_known_by_name: 9
                  reply_expectation: whithin_hour

                """, to: file)
            let result = try Insource.run(["score", file.path], environment: ["NO_COLOR": "1"])
            #expect(result.status == 1, "\(result)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.contains("error: "))
            expectRenderedDiagnostic(
                in: result.stderr, path: file.path, line: 5, column: 28, source: "  followers_known_by_name: 9",
                message: "must lie on the scale 1...5, found 9")
            expectRenderedDiagnostic(
                in: result.stderr, path: file.path, line: 6, column: 22, source: "  reply_expectation: whithin_hour",
                message: "did you mean 'within_hour'?")
        }
    }

    @Test("a questionnaire that is not YAML exits 1 and names the file")
    func unreadableQuestionnaire() throws {
        try withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("junk.yaml")
            try Data([0x00, 0xFF, 0xFE, 0x00]).write(to: file)
            let result = try Insource.run(["score", file.path])
            #expect(result.status == 1)
            #expect(result.stderr.contains("error: "))
            #expect(result.stderr.contains(file.path))
        }
    }

    @Test("a missing questionnaire exits 1 with an error naming it")
    func missingQuestionnaire() throws {
        let result = try Insource.run(["score", "/nonexistent/answers.yaml"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("error: cannot open the file"))
        #expect(result.stderr.contains("--> /nonexistent/answers.yaml"))
    }

    @Test("usage errors exit 64", arguments: [["score", "Rubrics/examples/rosas-bakery.yaml", "--no-such-flag"], ["score"], ["score", "Rubrics/examples/rosas-bakery.yaml", "--format", "xml"]])
    func usageError(_ arguments: [String]) throws {
        let result = try Insource.run(arguments)
        #expect(result.status == 64, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(!result.stderr.isEmpty)
    }

    @Test("--rubric picks a rubric file; an unknown rubric id is an error with a did-you-mean")
    func rubricOption() throws {
        let byFile = try Insource.run(["score", "Rubrics/examples/rosas-bakery.yaml", "--rubric", "Rubrics/social-media.yaml", "--format", "json"])
        #expect(byFile.status == 0, "\(byFile)")
        let unknown = try Insource.run(["score", "Rubrics/examples/rosas-bakery.yaml", "--rubric", "social-medai"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no rubric with id 'social-medai'"))
        #expect(unknown.stderr.contains("did you mean 'social-media'?"))
    }
}
