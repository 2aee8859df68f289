import Assessment
import Foundation
import History
import Testing

/// The shipped examples, the files `history` tests score.
let shippedExamples = ["harbour-coffee-franchise.json", "lakeside-dental-partial.yaml", "maya-fit.yaml", "northgate-parts.yaml", "rosas-bakery.yaml"]

/// A copy of the shipped rubric in `directory` with `edits` (literal replacements) applied: another version of it.
func rubricVariant(in directory: URL, name: String, version: String, edits: [(String, String)] = []) throws -> String {
    var text = try String(contentsOfFile: packagePath("Rubrics/social-media.yaml"), encoding: .utf8)
    text = text.replacingOccurrences(of: "version: \"1.0.0\"", with: "version: \"\(version)\"")
    for (old, new) in edits {
        #expect(text.contains(old), "the rubric no longer contains \(old)")
        text = text.replacingOccurrences(of: old, with: new)
    }
    let path = directory.appendingPathComponent(name).path
    try write(text, to: URL(fileURLWithPath: path))
    return path
}

/// A database at `path` holding `count` clients, each assessed once (Rosa's answers under their own names).
func seedHistory(at path: String, clients count: Int) throws {
    let rubric = try RubricLoader.load(path: packagePath("Rubrics/social-media.yaml"))
    let document = try QuestionnaireLoader.read(path: packagePath("Rubrics/examples/rosas-bakery.yaml"))
    let base = Scorer.score(try QuestionnaireLoader.check(document, against: rubric), with: rubric)
    let store = try HistoryStore(path: path)
    let assessments = (0..<count).map { index -> Assessment in
        var assessment = base
        assessment.client.id = "client-\(index)"
        assessment.client.name = "Client \(index)"
        assessment.questionnaire.sha256 = "seed-\(index)"
        return assessment
    }
    try store.record(assessments)
}

/// The rubric SHA-256 the history stores for a rubric file.
func rubricSHA(_ path: String) throws -> String {
    SHA256Digest.hex(of: try Array(Data(contentsOf: URL(fileURLWithPath: path))))
}
