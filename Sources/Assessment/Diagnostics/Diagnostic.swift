/// A place in a file: 1-based line and column, the column counted in Unicode scalars.
public struct SourceLocation: Sendable, Hashable, Comparable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

/// One problem found in a file, with everything a renderer needs to show it.
///
/// The libraries only collect diagnostics; the command line formats them (in one place).
public struct Diagnostic: Sendable, Hashable {
    public enum Severity: String, Sendable, Hashable {
        case error, warning
    }

    public var severity: Severity
    public var message: String
    /// The file's path as the user gave it.
    public var path: String
    /// nil when the problem concerns the file as a whole (empty, too large, unreadable).
    public var location: SourceLocation?
    /// The text of the line at `location`, captured when the diagnostic was made, for the caret display.
    public var sourceLine: String?
    /// A second place worth showing, such as the first of two duplicate keys.
    public var note: String?

    public init(
        _ severity: Severity = .error, _ message: String, path: String,
        location: SourceLocation? = nil, sourceLine: String? = nil, note: String? = nil
    ) {
        self.severity = severity
        self.message = message
        self.path = path
        self.location = location
        self.sourceLine = sourceLine
        self.note = note
    }
}

/// Thrown when a file cannot be used; carries every problem found, in file order.
public struct DiagnosticsError: Error, Sendable {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }
}
