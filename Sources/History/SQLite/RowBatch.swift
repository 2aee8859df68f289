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
    private var values: [Value] = []
    let arena = BindArena()

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
        values.reserveCapacity(chunk * columns)
    }

    /// Adds one row's values (exactly `columns` of them, through `append`), flushing a full chunk.
    func add(_ row: (inout [Value]) -> Void) throws(HistoryError) {
        row(&values)
        precondition(values.count % columns == 0, "a row of \(insert) needs \(columns) values")
        if values.count >= chunk * columns { try flush() }
    }

    /// Text for a value of the row being added, copied into the batch's arena.
    func text(_ text: String?) -> Value {
        guard let text else { return .null }
        return .text(arena.copy(text))
    }

    func text(bytes: ArraySlice<UInt8>) -> Value {
        .text(bytes.withUnsafeBytes { arena.copy($0) })
    }

    /// Inserts every waiting row.
    func flush() throws(HistoryError) {
        defer { discard() }
        var offset = 0
        var size = chunk
        while offset < values.count {
            let rows = (values.count - offset) / columns
            while size > rows { size /= 2 }
            try run(rows: size, from: offset)
            offset += size * columns
        }
    }

    /// Forgets the waiting rows (their transaction rolled back).
    func discard() {
        values.removeAll(keepingCapacity: true)
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
