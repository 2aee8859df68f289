internal import CSQLite

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One open SQLite connection. Owns its `sqlite3` handle and closes it in `deinit`, also when opening failed.
///
/// Not thread-safe: a `HistoryStore` owns it and is itself confined to one task at a time.
final class Connection {
    let path: String
    private let handle: OpaquePointer

    enum Mode {
        /// Reading only; the file must exist.
        case readOnly
        /// Reading and writing; the file is created when missing.
        case readWrite
    }

    init(path: String, mode: Mode) throws(HistoryError) {
        self.path = path
        var opened: OpaquePointer?
        let flags = (mode == .readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
            | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        let code = sqlite3_open_v2(path, &opened, flags, nil)
        guard let opened else {
            throw HistoryError(path: path, reason: .sqlite(code: code, message: "out of memory", sql: nil))
        }
        guard code == SQLITE_OK else {
            let message = String(cString: sqlite3_errmsg(opened))
            sqlite3_close_v2(opened)
            throw HistoryError(path: path, reason: .sqlite(code: code, message: message, sql: nil))
        }
        handle = opened
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    /// Runs SQL that returns no rows (several statements allowed); no parameters, so never with outside text.
    func execute(_ sql: String) throws(HistoryError) {
        let code = sqlite3_exec(handle, sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw error(code, sql: sql) }
    }

    func prepare(_ sql: String) throws(HistoryError) -> Statement {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else { throw error(code, sql: sql) }
        return Statement(statement, connection: self, sql: sql)
    }

    /// The first column of the first row, as an integer (for pragmas such as `user_version`).
    func integer(_ sql: String) throws(HistoryError) -> Int {
        let statement = try prepare(sql)
        guard try statement.step() else { return 0 }
        return statement.int(0)
    }

    func text(_ sql: String) throws(HistoryError) -> String? {
        let statement = try prepare(sql)
        guard try statement.step() else { return nil }
        return statement.string(0)
    }

    /// How long a writer waits for another process's lock before giving up.
    func setBusyTimeout(milliseconds: Int32) {
        sqlite3_busy_timeout(handle, milliseconds)
    }

    /// Copies what the WAL holds into the database file as far as it can without waiting for anyone: a writer in
    /// another connection goes on appending meanwhile. False when another checkpoint was running (nothing done).
    @discardableResult
    func checkpointPassively() -> Bool {
        sqlite3_wal_checkpoint_v2(handle, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil) == SQLITE_OK
    }

    var changes: Int { Int(sqlite3_changes(handle)) }
    var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(handle) }
    var isReadOnly: Bool { sqlite3_db_readonly(handle, "main") == 1 }

    func error(_ code: Int32, sql: String?) -> HistoryError {
        HistoryError(path: path, reason: .sqlite(code: code, message: String(cString: sqlite3_errmsg(handle)), sql: sql))
    }
}

@available(*, unavailable)
extension Connection: Sendable {}
