import Assessment
import Foundation
import Testing

@testable import History

/// A database the store cannot safely use is reported, by path, and left byte for byte as it was.
@Suite struct DamagedDatabaseTests {
    /// Records `assessment`, expecting the failure `reason`, and checks the file did not change.
    private func expectRefused(_ path: String, reason matches: (HistoryError.Reason) -> Bool) throws {
        let before = try bytes(path)
        let assessment = try assess()
        do {
            let store = try HistoryStore(path: path)
            try store.record(assessment)
            Issue.record("recording into a damaged database succeeded")
        } catch {
            #expect(error.path == path)
            #expect(matches(error.reason), "\(error)")
        }
        #expect(try bytes(path) == before, "the file changed")
    }

    @Test func aDatabaseFromANewerSchemaIsRefusedAndLeftUntouched() throws {
        try withDatabase { path in
            do {
                let store = try HistoryStore(path: path)
                try store.record(try assess())
                try store.connection.execute("PRAGMA user_version = 99; PRAGMA wal_checkpoint(TRUNCATE)")
            }
            try expectRefused(path) { $0 == .newerSchema(found: 99, supported: Schema.latestVersion) }
            let message = HistoryError(path: path, reason: .newerSchema(found: 99, supported: 1)).message
            #expect(message.contains("schema version 99"))
            #expect(message.contains("left as it was"))
        }
    }

    @Test func aFileThatIsNotSQLiteIsRefusedAndLeftUntouched() throws {
        try withDatabase { path in
            try Data("name,score\nRosa,85\n".utf8).write(to: URL(fileURLWithPath: path))
            try expectRefused(path) {
                if case .sqlite(let code, _, _) = $0 { return code == 26 }  // SQLITE_NOTADB
                return false
            }
        }
    }

    @Test func aCorruptDatabaseIsRefusedAndLeftUntouched() throws {
        try withDatabase { path in
            do {
                let store = try HistoryStore(path: path)
                let base = try assess()
                try store.record((0..<200).map { variant(of: base, name: "Client \($0)", sha: "sha-\($0)") })
                try store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            }
            // Garbage over every page after the first: the header (and its schema version) stay readable.
            var damaged = try bytes(path)
            let pageSize = 4096
            #expect(damaged.count > 8 * pageSize)
            for index in pageSize..<damaged.count { damaged[index] = UInt8(truncatingIfNeeded: index &* 31 &+ 7) }
            try Data(damaged).write(to: URL(fileURLWithPath: path))
            try expectRefused(path) {
                if case .sqlite(let code, _, _) = $0 { return code & 0xFF == 11 || code & 0xFF == 26 }  // CORRUPT, NOTADB
                return false
            }
        }
    }

    @Test func aReadOnlyDatabaseIsRefusedAndLeftUntouched() throws {
        try withDatabase { path in
            do {
                let store = try HistoryStore(path: path)
                try store.record(try assess())
                try store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            }
            #expect(chmod(path, 0o444) == 0)
            defer { chmod(path, 0o644) }
            try expectRefused(path) { $0 == .readOnly }
            // Reading it is still fine.
            #expect(try HistoryStore(path: path, access: .read).clients().count == 1)
        }
    }

    @Test func readingAMissingDatabaseCreatesNothing() throws {
        try withDatabase { path in
            #expect(throws: HistoryError.self) { try HistoryStore(path: path, access: .read) }
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }
}
