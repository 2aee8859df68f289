import Assessment
import Foundation
import Reporting
import Testing

/// `Reports/samples/` holds the reports of every example, so anyone browsing the repository can open one.
/// These tests fail when the samples drift from what the code produces; `INSOURCE_RECORD_SAMPLES=1 swift test`
/// writes them anew. A missing sample fails too.
@Suite("Sample reports stay current")
struct SampleDriftTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let examples = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Rubrics/examples").path))?
        .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".json") }.sorted() ?? []

    @Test("there is at least one example to render")
    func examplesExist() {
        #expect(Self.examples.count >= 4)
    }

    @Test("each sample report matches what the renderer produces now", arguments: examples)
    func sampleMatches(_ example: String) throws {
        let rubric = try RubricLoader.load(path: Self.root.appendingPathComponent("Rubrics/social-media.yaml").path)
        let path = "Rubrics/examples/\(example)"
        let bytes = try Array(Data(contentsOf: Self.root.appendingPathComponent(path)))
        let questionnaire = try QuestionnaireLoader.check(QuestionnaireLoader.read(bytes: bytes, path: path), against: rubric)
        let assessment = Scorer.score(questionnaire, with: rubric)
        let renderer = ReportRenderer(template: try ReportTemplate(directory: Self.root.appendingPathComponent("Reports/template").path))
        let reports = renderer.renderAll(assessment, formats: [.html, .markdown])
        let stem = (example as NSString).deletingPathExtension
        for format in ReportRenderer.Format.allCases {
            let sample = Self.root.appendingPathComponent("Reports/samples/\(stem).\(format.fileExtension)")
            let produced = try #require(reports[format])
            if ProcessInfo.processInfo.environment["INSOURCE_RECORD_SAMPLES"] == "1" {
                try FileManager.default.createDirectory(at: sample.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(produced.utf8).write(to: sample, options: .atomic)
                continue
            }
            let recorded = try? String(contentsOf: sample, encoding: .utf8)
            #expect(recorded != nil, "missing sample \(sample.path); record with INSOURCE_RECORD_SAMPLES=1 swift test")
            #expect(recorded == produced, "\(sample.lastPathComponent) drifted; re-record with INSOURCE_RECORD_SAMPLES=1 swift test")
        }
    }
}
