import Foundation
import History
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The history on real files under the conditions a real machine brings: a killed process, two writers, damaged files.
@Suite struct HistoryReliabilityTests {
    /// Starts `insource` with output to files, for tests that must watch or kill it while it runs.
    private func start(_ arguments: [String], output: URL) throws -> Process {
        let executable = try #require(Insource.executable)
        FileManager.default.createFile(atPath: output.path, contents: nil)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        process.environment = Insource.environment(adding: [:])
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    private func recordedLines(_ output: URL) -> [Substring] {
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").filter { $0.hasPrefix("recorded ") }
    }

    @Test(.timeLimit(.minutes(2)))
    func aProcessKilledWhileRecordingLeavesASoundDatabaseWithEveryReportedAssessment() throws {
        try withTemporaryDirectory { directory in
            let db = directory.appendingPathComponent("h.sqlite").path
            let total = 3_000
            try seedHistory(at: db, clients: total)
            let rubric = try rubricVariant(in: directory, name: "next.yaml", version: "1.1.0")
            let output = directory.appendingPathComponent("stdout")
            let process = try start(["rescore", "--rubric", rubric, "--db", db, "--save"], output: output)
            // Kill it once it has reported some assessments as recorded, well before it is done.
            while process.isRunning && recordedLines(output).count < 40 { usleep(1_000) }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal, "the process finished before it could be killed")

            let reported = Set(recordedLines(output).compactMap { $0.split(separator: ": ", maxSplits: 1).last.map(String.init) })
            #expect(reported.count >= 40)
            #expect(reported.count < total, "killed mid-way")
            let store = try HistoryStore(path: db)
            #expect(try store.integrityCheck() == "ok")
            let sha = try rubricSHA(rubric)
            let rescored = Set(try store.exportRows().filter { $0.assessment.rubricSHA256 == sha }.map(\.client.name))
            #expect(reported.isSubset(of: rescored), "reported but missing: \(reported.subtracting(rescored).sorted().prefix(5))")
            #expect(try store.tableCounts()["assessments"] == total + rescored.count)
        }
    }

    @Test(.timeLimit(.minutes(2)))
    func twoProcessesRecordingIntoTheSameDatabaseAtOnceBothSucceed() throws {
        try withTemporaryDirectory { directory in
            let db = directory.appendingPathComponent("h.sqlite").path
            let total = 400
            try seedHistory(at: db, clients: total)
            let first = try rubricVariant(in: directory, name: "a.yaml", version: "1.1.0")
            let second = try rubricVariant(in: directory, name: "b.yaml", version: "1.2.0")
            let one = try start(["rescore", "--rubric", first, "--db", db, "--save"], output: directory.appendingPathComponent("one"))
            let two = try start(["rescore", "--rubric", second, "--db", db, "--save"], output: directory.appendingPathComponent("two"))
            one.waitUntilExit()
            two.waitUntilExit()
            #expect(one.terminationStatus == 0)
            #expect(two.terminationStatus == 0)
            #expect(recordedLines(directory.appendingPathComponent("one")).count == total)
            #expect(recordedLines(directory.appendingPathComponent("two")).count == total)
            let store = try HistoryStore(path: db)
            #expect(try store.integrityCheck() == "ok")
            #expect(try store.tableCounts()["assessments"] == 3 * total)
        }
    }

    /// `score` into a damaged database: status 1, an error naming the file, and the file unchanged.
    private func expectScoreRefuses(_ db: String, saying words: String) throws {
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let result = try Insource.run(["score", "Rubrics/examples/maya-fit.yaml", "--db", db])
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("error: "), "\(result)")
        #expect(result.stderr.contains(words), "\(result)")
        #expect(result.stderr.contains("  --> \(db)"), "\(result)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before, "the database file changed")
    }

    @Test func aDatabaseFromANewerInsourceIsRefusedWithAClearErrorAndLeftUntouched() throws {
        try withTemporaryDirectory { directory in
            let db = directory.appendingPathComponent("h.sqlite").path
            try seedHistory(at: db, clients: 3)
            // Written as a newer Insource would: the schema version in the header (offset 60, big-endian).
            var bytes = try Array(Data(contentsOf: URL(fileURLWithPath: db)))
            bytes[60...63] = [0, 0, 0, 42]
            try Data(bytes).write(to: URL(fileURLWithPath: db))
            try expectScoreRefuses(db, saying: "schema version 42, newer than the")
            let history = try Insource.run(["history", "--db", db])
            #expect(history.status == 1)
            #expect(history.stderr.contains("schema version 42"))
        }
    }

    @Test func aFileThatIsNotSQLiteIsRefusedAndLeftUntouched() throws {
        try withTemporaryDirectory { directory in
            let db = directory.appendingPathComponent("notes.sqlite").path
            try write("These are my notes, not a database.\n", to: URL(fileURLWithPath: db))
            try expectScoreRefuses(db, saying: "not an SQLite database")
        }
    }

    @Test func aCorruptDatabaseIsRefusedByEveryCommandAndLeftUntouched() throws {
        try withTemporaryDirectory { directory in
            let db = directory.appendingPathComponent("h.sqlite").path
            try seedHistory(at: db, clients: 40)
            // Fold the WAL into the main file, so the damage below is all there is.
            #expect(try sqlite(db, "PRAGMA wal_checkpoint(TRUNCATE)").hasPrefix("0|"))
            // Garbage over every page after the first: the header (and its schema version) stay readable.
            var bytes = try Array(Data(contentsOf: URL(fileURLWithPath: db)))
            #expect(bytes.count > 4 * 4096)
            for index in 4096..<bytes.count { bytes[index] = UInt8(truncatingIfNeeded: index &* 31 &+ 7) }
            try Data(bytes).write(to: URL(fileURLWithPath: db))
            try expectScoreRefuses(db, saying: "malformed")
            for command in [["history"], ["export", "--format", "csv"], ["mail", "--dry-run", "--from", "a@example.com"]] {
                let result = try Insource.run(command + ["--db", db])
                #expect(result.status == 1, "\(command)\n\(result)")
                #expect(result.stderr.contains("  --> \(db)"), "\(command)\n\(result)")
            }
            #expect(try Array(Data(contentsOf: URL(fileURLWithPath: db))) == bytes, "the database file changed")
        }
    }

    @Test func aReadOnlyDatabaseIsRefusedAndLeftUntouched() throws {
        try withTemporaryDirectory { directory in
            let db = directory.appendingPathComponent("h.sqlite").path
            try seedHistory(at: db, clients: 3)
            #expect(chmod(db, 0o444) == 0)
            try expectScoreRefuses(db, saying: "read-only")
            #expect(try Insource.run(["history", "--db", db]).status == 0, "reading a read-only history still works")
        }
    }

    @Test func sqlInAClientsNameIsStoredVerbatimAndTouchesNoOtherRow() throws {
        try withTemporaryDirectory { directory in
            let db = directory.appendingPathComponent("h.sqlite").path
            #expect(try Insource.run(["score", "Rubrics/examples/maya-fit.yaml", "--db", db]).status == 0)
            var text = try String(contentsOfFile: packagePath("Rubrics/examples/rosas-bakery.yaml"), encoding: .utf8)
            text = text.replacingOccurrences(of: "  id: rosas-bakery\n", with: "  id: \"x'); DELETE FROM assessments; --\"\n")
                .replacingOccurrences(of: "  name: Rosa's Bakery\n", with: "  name: \"'); DROP TABLE clients; --\"\n")
            let hostile = directory.appendingPathComponent("hostile.yaml")
            try write(text, to: hostile)
            let result = try Insource.run(["score", hostile.path, "--db", db])
            #expect(result.status == 0, "\(result)")
            let store = try HistoryStore(path: db, access: .read)
            #expect(try store.schemaObjects().contains("table clients"))
            #expect(try store.clients().map(\.name).sorted() == ["'); DROP TABLE clients; --", "Maya Fit"])
            #expect(try store.clients().compactMap(\.explicitID).contains("x'); DELETE FROM assessments; --"))
            #expect(try store.tableCounts()["assessments"] == 2)
            let history = try Insource.run(["history", "'); DROP TABLE clients; --", "--db", db])
            #expect(history.status == 0, "\(history)")
        }
    }
}
