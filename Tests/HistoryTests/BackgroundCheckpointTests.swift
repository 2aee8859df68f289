import Assessment
import Foundation
import Testing

@testable import History

@Suite struct BackgroundCheckpointTests {
    /// Records `batches` transactions of 50 new assessments each (new as long as `from` differs each time).
    private func record(_ batches: Int, from first: Int = 0, into store: HistoryStore) throws {
        let base = try assess()
        for batch in first..<first + batches {
            try store.record((0..<50).map { variant(of: base, name: "Client \(batch)-\($0)", sha: "sha-\(batch)-\($0)") })
        }
    }

    /// The assessments a copy of the database file alone (without its WAL) holds.
    private func assessmentsInCopyOfFileAlone(_ path: String) throws -> Int? {
        let copy = path + "-copy.sqlite"
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        return try HistoryStore(path: copy).tableCounts()["assessments"]
    }

    @Test func onceBackgroundCheckpointsStopTheDatabaseFileAloneHoldsEveryCommit() throws {
        try withDatabase { path in
            let store = try HistoryStore(path: path)
            try store.startBackgroundCheckpoints()
            try record(12, into: store)
            store.stopBackgroundCheckpoints()
            #expect(try assessmentsInCopyOfFileAlone(path) == 600)
            #expect(try store.integrityCheck() == "ok")
        }
    }

    /// The contrast that shows the test above can fail: SQLite's own checkpoints wait for 8192 pages of WAL.
    @Test func withoutThemRecentCommitsAreOnlyInTheWAL() throws {
        try withDatabase { path in
            let store = try HistoryStore(path: path)
            try record(12, into: store)
            #expect(try assessmentsInCopyOfFileAlone(path) == 0)
            #expect(try store.tableCounts()["assessments"] == 600)
        }
    }

    @Test func recordingGoesOnAfterBackgroundCheckpointsStopAndStartAgain() throws {
        try withDatabase { path in
            let store = try HistoryStore(path: path)
            try store.startBackgroundCheckpoints()
            try record(2, into: store)
            store.stopBackgroundCheckpoints()
            try record(1, from: 2, into: store)
            try store.startBackgroundCheckpoints()
            try store.startBackgroundCheckpoints()
            try record(1, from: 3, into: store)
            store.stopBackgroundCheckpoints()
            store.stopBackgroundCheckpoints()
            #expect(try store.tableCounts()["assessments"] == 200)
            #expect(try assessmentsInCopyOfFileAlone(path) == 200)
        }
    }
}
