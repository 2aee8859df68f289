import Foundation
import History
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A batch stopped by a real signal leaves what it finished consistent, and running it again finishes the rest.
@Suite struct BatchInterruptionTests {
    private func reports(in directory: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".html") && $0 != "index.html" }
    }

    @Test(.timeLimit(.minutes(3)), arguments: [SIGINT, SIGTERM])
    func aSignalStopsPromptlyAndRunningAgainFinishesWithTheSameOutputs(signalNumber: Int32) throws {
        try withTemporaryDirectory { directory in
            let inputs = directory.appendingPathComponent("in")
            let total = 1_500
            try BatchFixtures.random(count: total, seed: 21, into: inputs)
            let out = directory.appendingPathComponent("out")
            let db = directory.appendingPathComponent("h.sqlite").path
            let arguments = ["score", inputs.path, "-o", out.path, "--format", "html", "--format", "markdown", "--db", db, "--jobs", "2"]

            let process = Process()
            process.executableURL = try #require(Insource.executable)
            process.arguments = arguments
            process.environment = Insource.environment(adding: [:])
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            while process.isRunning && reports(in: out).count < 300 { usleep(2_000) }
            kill(process.processIdentifier, signalNumber)
            let signalled = ContinuousClock.now
            process.waitUntilExit()
            #expect(ContinuousClock.now - signalled < .seconds(5), "stops promptly")
            #expect(process.terminationReason == .exit && process.terminationStatus == 128 + signalNumber)

            // Everything finished is whole: no scratch files, every report complete, history sound and matching.
            #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent(".insource-work").path))
            let done = reports(in: out)
            #expect(done.count >= 300 && done.count < total, "stopped mid-way, at \(done.count)")
            for name in done {
                #expect(try BatchFixtures.text(out, name).hasSuffix("</html>\n"), "\(name) is cut short")
            }
            let index = try BatchFixtures.text(out, "index.html")
            #expect(index.contains("not processed"))
            let store = try HistoryStore(path: db)
            #expect(try store.integrityCheck() == "ok")
            #expect(try store.tableCounts()["assessments"] == done.count, "history and reports agree")

            let resumed = try Insource.run(arguments)
            #expect(resumed.status == 0, "\(resumed)")
            #expect(resumed.stderr.contains("already done"), "\(resumed.stderr)")
            #expect(try HistoryStore(path: db).tableCounts()["assessments"] == total)

            let clean = directory.appendingPathComponent("clean")
            let fresh = try Insource.run(["score", inputs.path, "-o", clean.path, "--format", "html", "--format", "markdown", "--no-history"])
            #expect(fresh.status == 0)
            #expect(try BatchFixtures.files(in: out) == BatchFixtures.files(in: clean), "resumed output equals an uninterrupted run")
        }
    }

    @Test func runningTheSameBatchAgainSkipsWhatIsDoneAndRedoesAChangedOrMissingOne() throws {
        try withTemporaryDirectory { directory in
            let inputs = directory.appendingPathComponent("in")
            try BatchFixtures.random(count: 10, seed: 4, into: inputs)
            let out = directory.appendingPathComponent("out")
            let arguments = ["score", inputs.path, "-o", out.path, "--format", "html", "--no-history"]
            #expect(try Insource.run(arguments).status == 0)
            let first = try BatchFixtures.files(in: out)
            let victim = try #require(first.keys.filter { $0 != "index.html" && $0.hasSuffix(".html") }.sorted().first)
            try FileManager.default.removeItem(at: out.appendingPathComponent(victim))
            let again = try Insource.run(arguments)
            #expect(again.status == 0)
            #expect(again.stderr.hasPrefix("scored 1 of 10, 9 already done"), "\(again.stderr)")
            #expect(try BatchFixtures.files(in: out) == first)
        }
    }

    @Test func aChangedTemplateOrFormatListRedoesEveryReportOnTheNextRun() throws {
        try withTemporaryDirectory { directory in
            let inputs = directory.appendingPathComponent("in")
            try BatchFixtures.random(count: 6, seed: 5, into: inputs)
            let template = directory.appendingPathComponent("template")
            try FileManager.default.copyItem(atPath: packagePath("Reports/template"), toPath: template.path)
            let out = directory.appendingPathComponent("out")
            let arguments = ["score", inputs.path, "-o", out.path, "--format", "html", "--no-history", "--template", template.path]
            #expect(try Insource.run(arguments).status == 0)
            #expect(try Insource.run(arguments).stderr.hasPrefix("scored 0 of 6, 6 already done"))
            let branding = template.appendingPathComponent("branding.yaml")
            let text = try String(contentsOf: branding, encoding: .utf8)
            let renamed = text.replacingOccurrences(of: "Insource Advisory", with: "Renamed Partners")
            #expect(renamed != text, "the shipped branding names its firm")
            try write(renamed, to: branding)
            let rebranded = try Insource.run(arguments)
            #expect(rebranded.stderr.hasPrefix("scored 6 of 6, 0 failed"), "\(rebranded.stderr)")
            let reports = try BatchFixtures.files(in: out).filter { $0.key.hasSuffix(".html") && $0.key != "index.html" }
            #expect(reports.count == 6 && reports.values.allSatisfy { String(decoding: $0, as: UTF8.self).contains("Renamed Partners") })
            let withMarkdown = try Insource.run(arguments + ["--format", "markdown"])
            #expect(withMarkdown.stderr.hasPrefix("scored 6 of 6, 0 failed"), "\(withMarkdown.stderr)")
        }
    }

    @Test func theJournalKeepsOneLinePerInputHoweverOftenTheBatchIsRedone() throws {
        try withTemporaryDirectory { directory in
            let inputs = directory.appendingPathComponent("in")
            try BatchFixtures.random(count: 5, seed: 6, into: inputs)
            let out = directory.appendingPathComponent("out")
            let arguments = ["score", inputs.path, "-o", out.path, "--format", "html", "--no-history"]
            let journal = out.appendingPathComponent(".insource-journal")
            for format in ["html", "markdown", "html"] {
                // Another format list each time: every item is done again and journalled again.
                let result = try Insource.run(arguments + ["--format", format])
                #expect(result.status == 0, "\(result)")
                let lines = try String(contentsOf: journal, encoding: .utf8).split(separator: "\n")
                #expect(lines.count == 5, "one line per input after a complete run, not one per run")
            }
            let once = try String(contentsOf: journal, encoding: .utf8)
            #expect(try Insource.run(arguments + ["--format", "html"]).stderr.hasPrefix("scored 0 of 5, 5 already done"))
            #expect(try String(contentsOf: journal, encoding: .utf8) == once)
        }
    }
}
