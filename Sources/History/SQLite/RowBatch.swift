/// Rows for one table, collected and inserted many per statement (`INSERT … VALUES (…), (…), …`): one statement run
/// for up to `chunk` rows instead of one each, which is most of what SQLite spends per small row.
///
/// Text is copied into the batch's own arena and bound without a second copy. Rows wait until `flush()` (or until
/// `chunk` are waiting), so they must be flushed before the transaction that holds them commits, and dropped with
/// `discard()` when it rolls back.
final class RowBatch {
    enum Value {
        case null, integer(Int64), real(Double), text(UnsafeRawBufferPointer)
    }

    private let connection: Connection
    private let insert: String
    private let columns: Int
    private let chunk: Int
    /// Statements by row count: `chunk`, then the powers of two below it for what is left at a flush.
    private var statements: [Int: Statement] = [:]
    /// Room for `chunk` rows, allocated once: adding a value is a store, with no array to check or grow.
    private let values: UnsafeMutableBufferPointer<Value>
    private var count = 0
    private let arena = BindArena()

    /// `insert` is `INSERT INTO table (columns…)`; `columns` says how many.
    ///
    /// Each statement run opens a statement journal (the foreign key makes a multi-row INSERT one that may abort
    /// halfway), which copies the pages it touches: 256 rows a run pay that a quarter as often as 64. Larger chunks
    /// save little more and cost more to prepare (a statement per power of two below `chunk`).
    init(connection: Connection, insert: String, columns: Int, chunk: Int = 256) {
        self.connection = connection
        self.insert = insert
        self.columns = columns
        self.chunk = chunk
        values = .allocate(capacity: chunk * columns)
    }

    deinit {
        values.deallocate()
    }

    /// Adds one row: `row` adds exactly `columns` values to the batch it is given. A full chunk is inserted at once.
    func add(_ row: (RowBatch) -> Void) throws(HistoryError) {
        row(self)
        precondition(count % columns == 0, "a row of \(insert) needs \(columns) values")
        if count == values.count { try flush() }
    }

    func integer(_ number: Int64) { append(.integer(number)) }
    func real(_ number: Double?) { append(number.map { .real($0) } ?? .null) }

    /// Text (NULL when nil), copied into the batch's arena.
    func text(_ text: String?) {
        append(text.map { .text(arena.copy($0)) } ?? .null)
    }

    func text(bytes: UnsafeRawBufferPointer) {
        append(.text(arena.copy(bytes)))
    }

    private func append(_ value: Value) {
        precondition(count < values.count, "a row of \(insert) needs \(columns) values")
        (values.baseAddress.unsafelyUnwrapped + count).initialize(to: value)
        count += 1
    }

    /// Inserts every waiting row.
    func flush() throws(HistoryError) {
        defer { discard() }
        var offset = 0
        var size = chunk
        while offset < count {
            let rows = (count - offset) / columns
            while size > rows { size /= 2 }
            try run(rows: size, from: offset)
            offset += size * columns
        }
    }

    /// Forgets the waiting rows (their transaction rolled back).
    func discard() {
        count = 0
        arena.reset()
    }

    private func run(rows: Int, from offset: Int) throws(HistoryError) {
        let statement = try self.statement(rows: rows)
        defer {
            statement.reset()
            statement.clearBindings()
        }
        for index in 0..<(rows * columns) {
            let parameter = Int32(index + 1)
            switch values[offset + index] {
            case .null: try statement.bindNull(parameter)
            case .integer(let number): try statement.bind(parameter, number)
            case .real(let number): try statement.bind(parameter, number)
            case .text(let bytes): try statement.bind(parameter, stableText: bytes)
            }
        }
        try statement.execute()
    }

    private func statement(rows: Int) throws(HistoryError) -> Statement {
        if let prepared = statements[rows] { return prepared }
        let row = "(" + Array(repeating: "?", count: columns).joined(separator: ", ") + ")"
        let prepared = try connection.prepare(insert + " VALUES " + Array(repeating: row, count: rows).joined(separator: ", "))
        statements[rows] = prepared
        return prepared
    }
}

@available(*, unavailable)
extension RowBatch: Sendable {}
