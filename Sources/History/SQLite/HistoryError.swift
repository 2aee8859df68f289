/// Why the history database could not be used. Every case names the database file, so the message can say which.
///
/// The library only describes the problem; the command line formats it.
public struct HistoryError: Error, Sendable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        /// SQLite refused: its result code, its message, and the SQL that was running (nil while opening).
        case sqlite(code: Int32, message: String, sql: String?)
        /// The file was written by a newer Insource whose schema this one does not know; it is left as it was.
        case newerSchema(found: Int, supported: Int)
        /// The file's permissions allow no writing; Insource will not change it.
        case readOnly
        /// There is no database at the path (reading commands never create one).
        case missing
    }

    public var path: String
    public var reason: Reason

    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    /// One sentence, without the path (which a renderer shows beside it).
    public var message: String {
        switch reason {
        case .sqlite(let code, let message, _):
            switch code & 0xFF {
            case 26: return "the file is not an SQLite database (or is encrypted); it was left as it was"
            case 11: return "the database is corrupt (\(message)); it was left as it was"
            case 5: return "the database stayed busy (locked by another process) for too long"
            case 8: return "the database cannot be written (\(message))"
            default: return "SQLite error \(code): \(message)"
            }
        case .newerSchema(let found, let supported):
            return "the history database has schema version \(found), newer than the \(supported) this Insource knows; "
                + "it was left as it was (use a newer Insource, or another --db)"
        case .readOnly:
            return "the history database is read-only; it was left as it was (use another --db, or --no-history)"
        case .missing:
            return "no history database here yet (`insource score` records one)"
        }
    }

    /// The SQL that failed, when one did: a note for whoever debugs it.
    public var sql: String? {
        if case .sqlite(_, _, let sql) = reason { return sql }
        return nil
    }

    public var description: String { "\(path): \(message)" }
}
