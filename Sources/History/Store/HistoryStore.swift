#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The assessment history in one SQLite file: opens (and migrates) it, records assessments, answers questions about them.
///
/// One store owns one connection and its prepared statements, so it is confined to one task at a time (not `Sendable`).
/// Several processes may use the same file at once: WAL lets readers go on while one writes, and writers wait their
/// turn (`busy_timeout`) instead of failing.
public final class HistoryStore {
    public enum Access: Sendable {
        /// Reading only: a missing file is an error and nothing is ever written.
        case read
        /// Reading and recording: a missing file is created with the latest schema.
        case readWrite
    }

    public let path: String
    let connection: Connection
    /// Prepared once, reused for every assessment recorded through this store.
    private var cachedStatements: [String: Statement] = [:]
    /// Prepared on the first recording, kept for every later one.
    private var recordWriter: RecordWriter?
    /// False for a file opened for reading that no Insource has written to yet (it has no tables).
    let hasSchema: Bool
    /// While a batch records: checkpoints on a thread of their own instead of in the commits.
    private var checkpointer: BackgroundCheckpointer?

    /// How long a writer waits for another process to finish before reporting the database busy.
    public static let busyTimeoutMilliseconds: Int32 = 15_000

    public init(path: String, access: Access = .readWrite) throws(HistoryError) {
        self.path = path
        var info = stat()
        let exists = stat(path, &info) == 0
        if access == .read && !exists { throw HistoryError(path: path, reason: .missing) }
        // Checked by hand because root may write anyway; a file nobody may write is meant to stay as it is.
        if access == .readWrite && exists && (info.st_mode & 0o222) == 0 {
            throw HistoryError(path: path, reason: .readOnly)
        }
        connection = try Connection(path: path, mode: access == .read ? .readOnly : .readWrite)
        connection.setBusyTimeout(milliseconds: Self.busyTimeoutMilliseconds)
        // Reading the version reads the header: a file that is not SQLite fails here, before anything is written.
        let version = try connection.integer("PRAGMA user_version")
        if version > Schema.latestVersion {
            throw HistoryError(path: path, reason: .newerSchema(found: version, supported: Schema.latestVersion))
        }
        try connection.execute("PRAGMA foreign_keys = ON")
        guard access == .readWrite else {
            hasSchema = version == Schema.latestVersion
            if version != 0 && version != Schema.latestVersion { try Schema.requireCurrent(version, path: path) }
            return
        }
        if connection.isReadOnly { throw HistoryError(path: path, reason: .readOnly) }
        // A new file gets 16 KB pages: a batch writes a quarter as many WAL frames (one write call each).
        // SQLite ignores this for a file that already has tables.
        try connection.execute("PRAGMA page_size = 16384")
        try Schema.migrate(connection)
        hasSchema = true
        if try connection.text("PRAGMA journal_mode") != "wal" {
            guard try connection.text("PRAGMA journal_mode = WAL") == "wal" else {
                throw HistoryError(path: path, reason: .sqlite(code: 1, message: "cannot switch to WAL", sql: "PRAGMA journal_mode = WAL"))
            }
        }
        // In WAL mode NORMAL loses no committed transaction when the process dies, only possibly on power loss.
        try connection.execute("PRAGMA synchronous = NORMAL")
        // A batch transaction dirties more than SQLite's default 2 MB page cache: spilled pages would go to the WAL
        // mid-transaction and be read back and written again. 16 MB holds a 500-assessment transaction.
        try connection.execute("PRAGMA cache_size = -16384")
        try connection.execute("PRAGMA wal_autocheckpoint = \(Self.autocheckpointPages)")
        // Statement journals (which let one multi-row INSERT be undone on its own) and temporary tables stay in
        // memory. On disk, each statement journal past 64 KB (four of our pages) became a new file in /var/tmp:
        // a batch opened a temporary file and wrote some 17 pages for every assessment it recorded.
        try connection.execute("PRAGMA temp_store = MEMORY")
    }

    deinit {
        checkpointer?.stop()
    }

    /// Checkpoints (each one two fsyncs) after 8192 pages of WAL, 128 MB with a new file's pages, rather than 1000:
    /// a commit waits on the disk less often.
    private static let autocheckpointPages = 8192

    /// Until `stopBackgroundCheckpoints`, the WAL is copied into the database file by a thread of its own, so
    /// commits never wait for the disk and closing has little left to copy. For long runs that record as they go.
    public func startBackgroundCheckpoints() throws(HistoryError) {
        guard checkpointer == nil, let started = BackgroundCheckpointer(path: path) else { return }
        do throws(HistoryError) {
            try connection.execute("PRAGMA wal_autocheckpoint = 0")
        } catch {
            // Its thread would otherwise wait for requests forever, holding a connection open.
            started.stop()
            throw error
        }
        checkpointer = started
    }

    /// Copies what is left into the database file, ends the checkpoint thread and gives checkpoints back to SQLite.
    public func stopBackgroundCheckpoints() {
        guard let checkpointer else { return }
        checkpointer.stop()
        self.checkpointer = nil
        try? connection.execute("PRAGMA wal_autocheckpoint = \(Self.autocheckpointPages)")
    }

    /// What records assessments through this store's connection, prepared on first use.
    func writer() throws(HistoryError) -> RecordWriter {
        if let recordWriter { return recordWriter }
        let created = try RecordWriter(connection: connection)
        recordWriter = created
        return created
    }

    /// The prepared statement for `sql`, prepared on first use.
    func statement(_ sql: String) throws(HistoryError) -> Statement {
        if let cached = cachedStatements[sql] { return cached }
        let prepared = try connection.prepare(sql)
        cachedStatements[sql] = prepared
        return prepared
    }

    /// Runs `body` in one write transaction, committed when it returns and rolled back when it throws.
    ///
    /// `BEGIN IMMEDIATE` takes the write lock up front, so a second writer waits in the busy handler rather than
    /// failing when it tries to upgrade a read lock.
    func writeTransaction<T>(_ body: () throws(HistoryError) -> T) throws(HistoryError) -> T {
        try statement("BEGIN IMMEDIATE").run([])
        do throws(HistoryError) {
            let result = try body()
            try statement("COMMIT").run([])
            checkpointer?.request()
            return result
        } catch {
            try? statement("ROLLBACK").run([])
            throw error
        }
    }

    /// `PRAGMA integrity_check`: "ok" for a sound file, else SQLite's list of problems.
    public func integrityCheck() throws(HistoryError) -> String {
        try connection.prepare("PRAGMA integrity_check").rows { $0.string(0) }.joined(separator: "\n")
    }

    /// The schema version the file is at.
    public func schemaVersion() throws(HistoryError) -> Int {
        try connection.integer("PRAGMA user_version")
    }

    /// The number of rows in each of the store's tables, by table name.
    public func tableCounts() throws(HistoryError) -> [String: Int] {
        var counts: [String: Int] = [:]
        guard hasSchema else { return counts }
        for table in ["clients", "assessments", "answers", "criterion_scores", "rules_fired"] {
            counts[table] = try connection.integer("SELECT count(*) FROM \(table)")
        }
        return counts
    }

    /// Every table, index and trigger in the file, as `type name`: what a test compares to see the schema unchanged.
    public func schemaObjects() throws(HistoryError) -> [String] {
        try connection.prepare("SELECT type || ' ' || name FROM sqlite_schema ORDER BY type, name").rows { $0.string(0) }
    }
}

@available(*, unavailable)
extension HistoryStore: Sendable {}

extension Schema {
    /// A file from an older version is only upgraded by a command that may write.
    static func requireCurrent(_ version: Int, path: String) throws(HistoryError) {
        throw HistoryError(path: path, reason: .sqlite(
            code: 1, message: "the database has the older schema version \(version); record an assessment to upgrade it", sql: nil))
    }
}
