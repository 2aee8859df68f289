/// A small flat settings file (branding, mail configuration) read with the same located checks as rubrics.
public struct DocumentFields: Sendable {
    private let values: [String: DocumentNode]

    /// Reads a mapping of text values with known keys; unknown keys get a did-you-mean, missing ones an error.
    public static func read(
        _ source: SourceText, _ what: String, keys: [String], required: [String] = []
    ) throws(DiagnosticsError) -> DocumentFields {
        let root = try DocumentReader.read(source)
        let checker = DocumentChecker(source: source)
        var values: [String: DocumentNode] = [:]
        if let fields = checker.fields(root, what, keys: keys, required: required) {
            for key in keys {
                guard let node = fields[key] else { continue }
                if checker.string(node, key) != nil { values[key] = node }
            }
        }
        if !checker.diagnostics.isEmpty { throw DiagnosticsError(checker.diagnostics) }
        return DocumentFields(values: values)
    }

    public func text(_ key: String) -> String? { values[key]?.scalarText }
    public func node(_ key: String) -> DocumentNode? { values[key] }
}
