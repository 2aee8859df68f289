internal import CSQLite

/// One prepared statement. Owns its `sqlite3_stmt` and finalizes it in `deinit`; values are always bound, never spliced
/// into SQL, so text from a questionnaire cannot change what a statement does.
final class Statement {
    private let handle: OpaquePointer
    /// Keeps the connection open for as long as its statement lives.
    private let connection: Connection
    let sql: String

    init(_ handle: OpaquePointer, connection: Connection, sql: String) {
        self.handle = handle
        self.connection = connection
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// A value SQLite can store.
    enum Value {
        case null, integer(Int64), real(Double), text(String), blob([UInt8])
    }

    /// Resets the statement and binds `values` to its parameters 1, 2, ….
    @discardableResult
    func bind(_ values: [Value]) throws(HistoryError) -> Statement {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .null: code = sqlite3_bind_null(handle, index)
            case .integer(let number): code = sqlite3_bind_int64(handle, index, number)
            case .real(let number): code = sqlite3_bind_double(handle, index, number)
            case .text(let text):
                code = text.utf8.withContiguousStorageIfAvailable { bytes in
                    sqlite3_bind_text(handle, index, bytes.baseAddress, Int32(bytes.count), csqlite_transient())
                } ?? sqlite3_bind_text(handle, index, text, -1, csqlite_transient())
            case .blob(let bytes):
                code = bytes.withUnsafeBytes { buffer in
                    sqlite3_bind_blob(handle, index, buffer.baseAddress, Int32(buffer.count), csqlite_transient())
                }
            }
            guard code == SQLITE_OK else { throw connection.error(code, sql: sql) }
        }
        return self
    }

    // Binding one parameter at a time, for the recording path: no array of values per row, and text from a
    // `BindArena` that stays put until the statement has run, so SQLite does not copy it again.

    /// Makes the statement ready to be bound and run again (its previous bindings stay until replaced).
    func reset() {
        sqlite3_reset(handle)
    }

    /// Forgets every binding, so none keeps pointing into an arena that is about to be reused.
    func clearBindings() {
        sqlite3_clear_bindings(handle)
    }

    func bindNull(_ index: Int32) throws(HistoryError) {
        try check(sqlite3_bind_null(handle, index))
    }

    func bind(_ index: Int32, _ number: Int64) throws(HistoryError) {
        try check(sqlite3_bind_int64(handle, index, number))
    }

    func bind(_ index: Int32, _ number: Double?) throws(HistoryError) {
        guard let number else { return try bindNull(index) }
        try check(sqlite3_bind_double(handle, index, number))
    }

    /// Binds bytes that stay valid, unchanged, until this statement has run and been reset (an arena's copy).
    func bind(_ index: Int32, stableText bytes: UnsafeRawBufferPointer) throws(HistoryError) {
        try check(sqlite3_bind_text(handle, index, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(bytes.count), nil))
    }

    /// Binds `text` (NULL when nil) through a copy in `arena`.
    func bind(_ index: Int32, _ text: String?, in arena: BindArena) throws(HistoryError) {
        guard let text else { return try bindNull(index) }
        try bind(index, stableText: arena.copy(text))
    }

    /// Runs the bound statement to its end and resets it; returns the first column of the first row, if any (RETURNING).
    @discardableResult
    func execute() throws(HistoryError) -> Int? {
        var first: Int?
        while try step() { if first == nil { first = int(0) } }
        sqlite3_reset(handle)
        return first
    }

    private func check(_ code: Int32) throws(HistoryError) {
        guard code == SQLITE_OK else { throw connection.error(code, sql: sql) }
    }

    /// Advances to the next row: true when there is one, false when done.
    func step() throws(HistoryError) -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            sqlite3_reset(handle)
            throw connection.error(code, sql: sql)
        }
    }

    /// Runs a statement that returns no rows.
    func run(_ values: [Value]) throws(HistoryError) {
        try bind(values)
        while try step() {}
    }

    /// Every row, each read by `row`.
    func rows<T>(_ values: [Value] = [], _ row: (Statement) -> T) throws(HistoryError) -> [T] {
        try bind(values)
        var out: [T] = []
        while try step() { out.append(row(self)) }
        return out
    }

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }
    func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(handle, column)) }
    func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }
    func optionalDouble(_ column: Int32) -> Double? { isNull(column) ? nil : double(column) }

    /// The column as text; "" for NULL (use `optionalString` where NULL means something).
    func string(_ column: Int32) -> String { optionalString(column) ?? "" }

    func optionalString(_ column: Int32) -> String? {
        guard let text = sqlite3_column_text(handle, column) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }
}

@available(*, unavailable)
extension Statement: Sendable {}
