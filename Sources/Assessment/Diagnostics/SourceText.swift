/// The text of one input file, kept so diagnostics can quote the offending line.
public struct SourceText: Sendable {
    public let path: String
    public let text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }

    /// The text of a 1-based line without its line end, or nil past the end.
    ///
    /// Scans from the start each time: it is only called while reporting problems.
    public func line(_ number: Int) -> String? {
        guard number >= 1 else { return nil }
        var current = 1
        var lineStart = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            if character.isNewline {
                if current == number { return String(text[lineStart..<index]) }
                current += 1
                lineStart = next
            }
            index = next
        }
        return current == number ? String(text[lineStart...]) : nil
    }

    /// Makes a diagnostic at a location in this file, quoting its line.
    public func diagnostic(
        _ message: String, at location: SourceLocation?, severity: Diagnostic.Severity = .error, note: String? = nil
    ) -> Diagnostic {
        Diagnostic(
            severity, message, path: path, location: location,
            sourceLine: location.flatMap { line($0.line) }, note: note)
    }
}
