import Assessment
import Foundation
import Testing

@testable import History

/// The package's root folder, found from this file.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func packagePath(_ relative: String) -> String {
    packageRoot.appendingPathComponent(relative).path
}

/// The shipped rubric, loaded once.
let defaultRubric: Rubric? = try? RubricLoader.load(path: packagePath("Rubrics/social-media.yaml"))

/// One shipped example scored under the shipped rubric.
func assess(_ example: String = "rosas-bakery.yaml") throws -> Assessment {
    let rubric = try #require(defaultRubric)
    let document = try QuestionnaireLoader.read(path: packagePath("Rubrics/examples/\(example)"))
    return Scorer.score(try QuestionnaireLoader.check(document, against: rubric), with: rubric)
}

/// An assessment of another questionnaire: a different file (SHA-256) for the client named here.
func variant(
    of base: Assessment, id: String? = nil, name: String, email: String? = nil, industry: String? = nil,
    sha: String, assessedOn: String? = nil, scores: Double? = nil
) -> Assessment {
    var assessment = base
    assessment.client.id = id
    assessment.client.name = name
    assessment.client.email = email
    assessment.client.industry = industry
    assessment.questionnaire.sha256 = sha
    assessment.questionnaire.assessedOn = assessedOn ?? base.questionnaire.assessedOn
    if let scores {
        for index in assessment.criteria.indices { assessment.criteria[index].score = scores }
        assessment.overall = scores
    }
    return assessment
}

/// A path for a database in a fresh temporary folder (removed after `body`).
func withDatabase<T>(_ body: (String) throws -> T) throws -> T {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("insource-history-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try body(directory.appendingPathComponent("history.sqlite").path)
}

func bytes(_ path: String) throws -> [UInt8] {
    try Array(Data(contentsOf: URL(fileURLWithPath: path)))
}
