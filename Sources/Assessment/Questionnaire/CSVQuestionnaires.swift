import CSV

/// Questionnaires from a spreadsheet export: a header row, then one client per row.
///
/// Columns: `client.name` (required), the other `client.<field>`s, `assessed_on`, `assessor`, `notes`,
/// `rubric`, and one column per question id (`answers.<id>` also works). An empty cell is unanswered;
/// a multi-choice cell lists its values separated by `|` (or `;` when the file is comma-separated).
/// The CSV itself is read by CSV.swift; the UTF-8 byte-order mark, CRLF and quoted fields holding
/// delimiters or line breaks all load, and `;` is used as the delimiter when the header says so.
public enum CSVQuestionnaires {
    static let metadataColumns = ["rubric", "assessed_on", "assessor", "notes"]

    /// One document per data row, in file order. A problem with the file as a whole (no header,
    /// no `client.name` column, a duplicate column) throws; problems in a row surface when it is checked.
    public static func read(bytes: [UInt8], path: String) throws(DiagnosticsError) -> [QuestionnaireDocument] {
        let table = try open(bytes: bytes, path: path)
        return (0..<table.count).map(table.document)
    }

    /// The file's rows as cells only; each row's document is built when it is asked for, so a batch holds the
    /// cells of a large export, not a located tree per row.
    public static func open(bytes: [UInt8], path: String) throws(DiagnosticsError) -> CSVTable {
        let source = try DocumentReader.decode(bytes, path: path, limits: DocumentLimits(maxBytes: 512 << 20))
        let delimiter = sniffDelimiter(source.text)
        let rows = try records(source, delimiter: delimiter)
        guard let header = rows.first else {
            throw DiagnosticsError([source.diagnostic("the CSV file has no header row", at: nil)])
        }
        try checkHeader(header.fields, source: source)
        // Blank lines (at the end of many exports) are no clients.
        let data = rows.dropFirst().enumerated().filter { !$0.element.fields.allSatisfy(\.isEmpty) }
        return CSVTable(
            source: source, header: header.fields, delimiter: delimiter,
            records: data.map { CSVTable.Row(record: $0.element, number: $0.offset + 1) })
    }

    struct Record: Sendable {
        var fields: [String]
        /// The physical line the record starts on (a quoted field may span several).
        var line: Int
    }

    private static func records(_ source: SourceText, delimiter: Unicode.Scalar) throws(DiagnosticsError) -> [Record] {
        let reader: CSVReader
        do {
            reader = try CSVReader(string: source.text, hasHeaderRow: false, delimiter: delimiter)
        } catch {
            throw DiagnosticsError([source.diagnostic("the CSV file cannot be read: \(error)", at: nil)])
        }
        var records: [Record] = []
        var line = 1
        while let fields = reader.next() {
            records.append(Record(fields: fields, line: line))
            line += 1 + fields.reduce(0) { $0 + $1.filter { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }.count }
        }
        if let error = reader.error {
            throw DiagnosticsError([source.diagnostic("the CSV file cannot be read past line \(line): \(error)", at: nil)])
        }
        return records
    }

    /// `;` when the header row has more semicolons than commas outside quotes (a European spreadsheet export).
    static func sniffDelimiter(_ text: String) -> Unicode.Scalar {
        var commas = 0
        var semicolons = 0
        var quoted = false
        for scalar in text.unicodeScalars {
            if scalar == "\"" { quoted.toggle() }
            if quoted { continue }
            if scalar == "\n" || scalar == "\r" { break }
            if scalar == "," { commas += 1 }
            if scalar == ";" { semicolons += 1 }
        }
        return semicolons > commas ? ";" : ","
    }

    private static func checkHeader(_ header: [String], source: SourceText) throws(DiagnosticsError) {
        var problems: [Diagnostic] = []
        var seen: Set<String> = []
        let names = header.map(columnName)
        for (index, name) in names.enumerated() where !seen.insert(name).inserted {
            problems.append(Diagnostic(.error, "row 1, column \(index + 1): the column '\(header[index])' appears twice", path: source.path,
                location: SourceLocation(line: 1, column: index + 1)))
        }
        if !names.contains("client.name") {
            problems.append(Diagnostic(.error, "row 1: the header has no 'client.name' column", path: source.path,
                location: SourceLocation(line: 1, column: 1)))
        }
        if !problems.isEmpty { throw DiagnosticsError(problems) }
    }

    /// Header cells as the document keys they stand for: trimmed, `answers.` dropped.
    static func columnName(_ cell: String) -> String {
        let trimmed = String(cell.trimmingWhitespace())
        return trimmed.hasPrefix("answers.") ? String(trimmed.dropFirst("answers.".count)) : trimmed
    }

    static func document(
        _ record: Record, number: Int, header: [String], source: SourceText, delimiter: Unicode.Scalar
    ) -> QuestionnaireDocument {
        var client: [(key: DocumentNode, value: DocumentNode)] = []
        var answers: [(key: DocumentNode, value: DocumentNode)] = []
        var top: [(key: DocumentNode, value: DocumentNode)] = []
        var rubricID: String?
        for (index, cell) in record.fields.enumerated() where index < header.count {
            let name = columnName(header[index])
            let at = SourceLocation(line: record.line, column: index + 1)
            let key = DocumentNode(.scalar(name, quoted: true), at: SourceLocation(line: 1, column: index + 1))
            let value = cellNode(cell, at: at, listSeparators: delimiter == ";" ? ["|"] : ["|", ";"])
            if name.hasPrefix("client.") {
                client.append((DocumentNode(.scalar(String(name.dropFirst("client.".count)), quoted: true), at: key.location), value))
            } else if metadataColumns.contains(name) {
                if name == "rubric", !cell.isEmpty { rubricID = cell }
                top.append((key, value))
            } else {
                answers.append((key, value))
            }
        }
        // Column 0: a problem with the row as a whole (a required answer missing) names no column.
        let rowStart = SourceLocation(line: record.line, column: 0)
        top.append((DocumentNode(.scalar("client", quoted: true), at: rowStart), DocumentNode(.mapping(client), at: rowStart)))
        top.append((DocumentNode(.scalar("answers", quoted: true), at: rowStart), DocumentNode(.mapping(answers), at: rowStart)))
        let canonical = Array(record.fields.joined(separator: "\u{1F}").utf8)
        return QuestionnaireDocument(
            source: source, root: DocumentNode(.mapping(top), at: rowStart),
            sha256: SHA256Digest.hex(of: canonical), rubricID: rubricID,
            csv: CSVOrigin(row: number + 1, columns: header.map { String($0.trimmingWhitespace()) }))
    }

    /// A cell as a plain scalar (so numbers and booleans read as such), a list when it holds separators,
    /// or null when empty.
    private static func cellNode(_ cell: String, at location: SourceLocation, listSeparators: [Character]) -> DocumentNode {
        let trimmed = String(cell.trimmingWhitespace())
        if trimmed.contains(where: { listSeparators.contains($0) }) {
            let items = trimmed.split(whereSeparator: { listSeparators.contains($0) }).map {
                DocumentNode(.scalar(String($0.trimmingCharacters()), quoted: false), at: location)
            }
            return DocumentNode(.sequence(items), at: location)
        }
        return DocumentNode(.scalar(trimmed, quoted: false), at: location)
    }
}

/// A CSV file's data rows, each turned into a questionnaire document on demand. Immutable, so threads share it.
public struct CSVTable: Sendable {
    struct Row: Sendable {
        var record: CSVQuestionnaires.Record
        /// The data row's number, 1 for the first row after the header.
        var number: Int
    }

    let source: SourceText
    let header: [String]
    let delimiter: Unicode.Scalar
    let records: [Row]

    public var count: Int { records.count }

    /// The row as it appears in the file (the header being row 1).
    public func fileRow(_ index: Int) -> Int { records[index].number + 1 }

    public func document(_ index: Int) -> QuestionnaireDocument {
        let row = records[index]
        return CSVQuestionnaires.document(row.record, number: row.number, header: header, source: source, delimiter: delimiter)
    }
}

/// Where a questionnaire read from a CSV file came from, so its problems name the row and the column.
public struct CSVOrigin: Sendable, Hashable {
    /// The 1-based row in the file, the header being row 1.
    public var row: Int
    public var columns: [String]
}

extension Substring {
    func trimmingCharacters() -> String {
        String(String(self).trimmingWhitespace())
    }
}
