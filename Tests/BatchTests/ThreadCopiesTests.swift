import Assessment
import Foundation
@testable import Reporting
import Testing

@testable import Batch

/// Each worker thread scores with its own rubrics and renders with its own template, copies that share no storage
/// with another thread's and give the same results.
@Suite struct ThreadCopiesTests {
    static let rubrics = RubricSearchPath(directories: [ScratchFileTests.packageRoot.appendingPathComponent("Rubrics").path])

    /// Where a string's UTF-8 is stored.
    private func storage(of text: String) -> UnsafePointer<UInt8>? {
        var copy = text
        return copy.withUTF8 { $0.baseAddress }
    }

    @Test("a thread's rubric is the batch's, loaded again from the same bytes into storage of its own, and loaded once")
    func aThreadsRubricIsAnEqualCopyWithItsOwnStorage() throws {
        let batch = RubricCache(search: Self.rubrics)
        let thread = batch.forOneThread()
        let shared = try batch.resolve("social-media")
        let own = try thread.resolve("social-media")
        #expect(own.origin.sha256 == shared.origin.sha256)
        #expect(own.questions.map(\.prompt) == shared.questions.map(\.prompt))
        let prompt = try #require(shared.questions.first?.prompt)
        #expect(prompt.utf8.count > 15, "a prompt long enough to be stored apart from the string value")
        #expect(storage(of: own.questions[0].prompt) != storage(of: prompt))
        #expect(storage(of: try thread.resolve("social-media").questions[0].prompt) == storage(of: own.questions[0].prompt))

        var random = RandomQuestionnaires(rubric: shared, seed: 11)
        for number in 0..<20 {
            let document = try QuestionnaireLoader.read(bytes: Array(random.next(number: number).utf8), path: "q\(number).yaml")
            let sharedJSON = StableJSON.encode(Scorer.score(try QuestionnaireLoader.check(document, against: shared), with: shared))
            let ownJSON = StableJSON.encode(Scorer.score(try QuestionnaireLoader.check(document, against: own), with: own))
            #expect(ownJSON == sharedJSON)
        }
    }

    @Test("a rubric the batch cannot find is an error for a thread's cache too")
    func aMissingRubricFailsInAThreadsCache() {
        let thread = RubricCache(search: Self.rubrics).forOneThread()
        #expect(throws: DiagnosticsError.self) { try thread.resolve("no-such-rubric") }
    }

    @Test("in a batch every report is rendered by a worker's own template: the batch's template makes no kept part")
    func workersRenderWithTheirOwnTemplates() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("insource-threads-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let inputs = root.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        var random = RandomQuestionnaires(rubric: try RubricCache(search: Self.rubrics).resolve("social-media"), seed: 4)
        for number in 0..<12 {
            try Data(random.next(number: number).utf8).write(to: inputs.appendingPathComponent("q\(number).yaml"))
        }
        let template = try ReportTemplate(directory: ScratchFileTests.packageRoot.appendingPathComponent("Reports/template").path)
        let configuration = BatchConfiguration(
            outputDirectory: root.appendingPathComponent("out").path, formats: [.html, .markdown], jobs: 2, failFast: false,
            rubric: nil, defaultRubric: "social-media", search: Self.rubrics, renderer: ReportRenderer(template: template),
            textSummary: nil, describe: { "\($0.count) problems" })
        let summary = try BatchRunner(configuration: configuration).run(
            BatchInputs.discover([inputs.path]), control: BatchControl(), history: nil, events: { _ in })
        #expect(summary.scored == 12)
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("out/index.html").path))
        #expect(template.staticParts.count == 0)
    }
}

