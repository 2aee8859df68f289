import Assessment
import Foundation
import Reporting
import Testing

@testable import Batch

/// Reports waiting for the committer: unnamed files linked into place where Linux allows, named scratch files
/// renamed into place elsewhere. Either way the outputs are the same and nothing is left behind.
@Suite struct ScratchFileTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private func withDirectory(_ body: (URL) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("insource-scratch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try body(directory)
    }

    /// `count` random questionnaires of the shipped rubric in `directory`.
    private func questionnaires(_ count: Int, in directory: URL) throws {
        let rubric = try RubricLoader.load(path: Self.packageRoot.appendingPathComponent("Rubrics/social-media.yaml").path)
        var random = RandomQuestionnaires(rubric: rubric, seed: 5)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for number in 0..<count {
            try Data(random.next(number: number).utf8).write(to: directory.appendingPathComponent("q\(number).yaml"))
        }
    }

    private func run(_ inputs: URL, into output: URL, unnamed: Bool) throws -> BatchSummary {
        let template = try ReportTemplate(directory: Self.packageRoot.appendingPathComponent("Reports/template").path)
        var configuration = BatchConfiguration(
            outputDirectory: output.path, formats: [.html, .markdown, .json], jobs: 2, failFast: false, rubric: nil,
            defaultRubric: "social-media", search: RubricSearchPath(directories: [Self.packageRoot.appendingPathComponent("Rubrics").path]),
            renderer: ReportRenderer(template: template), textSummary: nil, describe: { "\($0.count) problems" })
        configuration.unnamedScratchFiles = unnamed
        return try BatchRunner(configuration: configuration).run(
            BatchInputs.discover([inputs.path]), control: BatchControl(), history: nil, events: { _ in })
    }

    /// Every file under `directory` (hidden ones too) by relative path.
    private func contents(of directory: URL) throws -> [String: Data] {
        var found: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            found[name] = try Data(contentsOf: directory.appendingPathComponent(name))
        }
        return found
    }

    @Test func unnamedAndNamedScratchFilesGiveTheSameOutputsAndLeaveNoScratchBehind() throws {
        try withDirectory { directory in
            let inputs = directory.appendingPathComponent("in")
            try questionnaires(40, in: inputs)
            let unnamed = directory.appendingPathComponent("unnamed"), named = directory.appendingPathComponent("named")
            #expect(try run(inputs, into: unnamed, unnamed: true).scored == 40)
            #expect(try run(inputs, into: named, unnamed: false).scored == 40)
            let outputs = try contents(of: unnamed)
            #expect(outputs.count == 40 * 3 + 4, "three reports each, the index in three formats and the journal")
            #expect(outputs == (try contents(of: named)))
            #expect(outputs[BatchFiles.scratchName] == nil)
        }
    }

    @Test func aChangedInputReplacesItsEarlierReportsWhole() throws {
        try withDirectory { directory in
            let inputs = directory.appendingPathComponent("in")
            try questionnaires(6, in: inputs)
            for unnamed in [true, false] {
                let output = directory.appendingPathComponent("out-\(unnamed)")
                _ = try run(inputs, into: output, unnamed: unnamed)
                let before = try contents(of: output)
                let changed = inputs.appendingPathComponent("q2.yaml")
                let text = try String(contentsOf: changed, encoding: .utf8)
                try Data(text.replacingOccurrences(of: "assessor: Load Generator", with: "assessor: Second Visit").utf8).write(to: changed)
                defer { try? Data(text.utf8).write(to: changed) }
                let summary = try run(inputs, into: output, unnamed: unnamed)
                #expect(summary.scored == 1 && summary.skipped == 5)
                let after = try contents(of: output)
                #expect(after.keys.sorted() == before.keys.sorted(), "replaced under the same names, nothing left beside them")
                let changedReports = after.keys.filter { after[$0] != before[$0] && !$0.hasPrefix(".") && !$0.hasPrefix("index") }
                #expect(changedReports.count == 3, "\(changedReports.sorted())")
                #expect(changedReports.allSatisfy { String(decoding: after[$0] ?? Data(), as: UTF8.self).contains("Second Visit") })
            }
        }
    }

    #if os(Linux)
    @Test func aBudgetOfUnnamedFilesFallsBackToNamedOnesAndEachLinksInPlace() throws {
        try withDirectory { directory in
            let files = try BatchFiles(directory: directory.path, holding: 1)
            let first = try files.writeScratch(Array("first".utf8), name: "1.txt")
            let second = try files.writeScratch(Array("second".utf8), name: "2.txt")
            guard case .unnamed = first.storage, case .named = second.storage else {
                Issue.record("expected one unnamed file within the budget and one named file past it")
                return
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: files.scratch) == ["2.txt"])
            try files.publish(first, as: "first.txt")
            try files.publish(second, as: "second.txt")
            #expect(try String(contentsOf: directory.appendingPathComponent("first.txt"), encoding: .utf8) == "first")
            #expect(try String(contentsOf: directory.appendingPathComponent("second.txt"), encoding: .utf8) == "second")
            #expect(try FileManager.default.contentsOfDirectory(atPath: files.scratch).isEmpty)
        }
    }
    #endif
}
