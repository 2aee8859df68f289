import Assessment

/// The index as GitHub-flavoured Markdown and as CSV, with the same rows as the HTML page.
///
/// Each is written straight into one byte buffer, handed to the sink every `chunkSize` rows: a batch
/// may list 100,000 clients, so a row makes no array or string of its own.
extension IndexRenderer {
    /// Calls `sink` with consecutive pieces of the Markdown index.
    public static func writeMarkdown(_ index: BatchIndex, to sink: ([UInt8]) throws -> Void) rethrows {
        var writer = MarkdownIndexWriter()
        writer.head(of: index)
        for (position, row) in index.rows.enumerated() {
            writer.row(row, criteria: index.criterionTitles.count)
            if position % chunkSize == chunkSize - 1 { try sink(writer.take()) }
        }
        writer.failures(of: index)
        try sink(writer.take())
    }

    /// Calls `sink` with the CSV rows (RFC 4180, CRLF): one per client, then one per failed input.
    public static func writeCSV(_ index: BatchIndex, to sink: ([UInt8]) throws -> Void) rethrows {
        let criteria = index.rows.reduce(index.criterionTitles.count) { max($0, $1.scores.count) }
        var out: [UInt8] = []
        out.reserveCapacity(64 * 1024)
        let titles = (0..<criteria).map { $0 < index.criterionTitles.count ? index.criterionTitles[$0] : "criterion \($0 + 1)" }
        out.appendCSVRow(["client", "verdict", "overall"] + titles + ["file", "error"])
        for (position, row) in index.rows.enumerated() {
            out.appendCSVField(row.client)
            out.append(",")
            out.appendCSVField(row.verdict.rawValue)
            out.append(",")
            out.appendCSVNumber(row.overall)
            for slot in 0..<criteria {
                out.append(",")
                out.appendCSVNumber(row.scores.indices.contains(slot) ? row.scores[slot] : nil)
            }
            out.append(",")
            out.appendCSVField(row.link ?? "")
            out.append(",\r\n")
            if position % chunkSize == chunkSize - 1 {
                try sink(out)
                out.removeAll(keepingCapacity: true)
            }
        }
        for failure in index.failures {
            out.appendCSVRow([failure.input, "failed", ""] + Array(repeating: "", count: criteria) + ["", failure.message])
        }
        try sink(out)
    }
}

/// The Markdown index being written: its bytes, and one line reused to escape each name.
private struct MarkdownIndexWriter: ~Copyable {
    private var out: [UInt8] = []
    private var line = MarkdownEscaping.Line()

    init() {
        out.reserveCapacity(64 * 1024)
    }

    /// The bytes written since the last call.
    mutating func take() -> [UInt8] {
        defer { out.removeAll(keepingCapacity: true) }
        return out
    }

    mutating func head(of index: BatchIndex) {
        out.append("# Assessments\n\n")
        appendEscaped(index.headline)
        out.append("\n\n| Verdict | Clients |\n| --- | ---: |\n")
        for (verdict, count) in index.counts { out.append(utf8Of: "| \(verdict.rawValue) | \(count) |\n") }
        out.append("\n## Clients\n\n")
        let titles = index.columnTitles
        for title in titles {
            out.append("| ")
            appendEscaped(title)
            out.append(" ")
        }
        out.append("|\n|")
        for position in titles.indices { out.append(position < 2 ? " --- |" : " ---: |") }
        out.append("\n")
    }

    mutating func row(_ row: BatchIndex.Row, criteria: Int) {
        out.append("| ")
        if let link = row.link {
            out.append("[")
            appendEscaped(row.client)
            out.append("](")
            appendLinkTarget(link)
            out.append(")")
        } else {
            appendEscaped(row.client)
        }
        out.append(" | ")
        out.append(utf8Of: row.verdict.rawValue)
        out.append(" | ")
        out.append(number: row.overall, empty: "–")
        for slot in 0..<max(criteria, row.scores.count) {
            out.append(" | ")
            out.append(number: row.scores.indices.contains(slot) ? row.scores[slot] : nil, empty: "–")
        }
        out.append(" |\n")
    }

    mutating func failures(of index: BatchIndex) {
        out.append("\n## Inputs that failed\n\n")
        if index.failures.isEmpty { out.append("None.\n") }
        for failure in index.failures {
            out.append("### ")
            appendEscaped(failure.input)
            out.append("\n\n")
            appendFenced(failure.message)
        }
    }

    /// Text as one line of inline content: cleaned as HTML would be, then escaped.
    private mutating func appendEscaped(_ text: String) {
        var cleaned = HTMLText.clean(text)
        line.removeAll(from: 0)
        line.beginLine()
        cleaned.withUTF8 { line.append(escaping: $0) }
        line.finishBlock(into: &out, escapeStart: false)
    }

    /// A file name as a Markdown link target: our names are letters, digits, '-' and '.', but brackets keep any safe.
    /// A name of plain ASCII is checked byte by byte; any other goes through Characters, where a
    /// combining mark after a bracket makes a Character that is no bracket.
    private mutating func appendLinkTarget(_ name: String) {
        out.append("<")
        if name.utf8.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">") && !(0x0A...0x0D).contains($0) }) {
            out.append(utf8Of: name)
        } else {
            for character in name where character != "<" && character != ">" && !character.isNewline {
                out.append(contentsOf: character.utf8)
            }
        }
        out.append(">")
    }

    /// Text shown verbatim: a fence longer than any run of backticks inside it.
    private mutating func appendFenced(_ text: String) {
        var longest = 0
        var run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        let body = HTMLText.clean(text)
        out.append(utf8Of: "\(fence)text\n\(body)\(body.hasSuffix("\n") ? "" : "\n")\(fence)\n\n")
    }
}

extension [UInt8] {
    fileprivate mutating func append(_ literal: StaticString) {
        literal.withUTF8Buffer { append(contentsOf: $0) }
    }

    fileprivate mutating func append(number value: Double?, empty: StaticString) {
        BatchIndex.withNumberBytes(value, empty: empty) { append(contentsOf: $0) }
    }

    /// A field as `SpreadsheetCSV` writes it.
    fileprivate mutating func appendCSVField(_ text: String) {
        append(utf8Of: SpreadsheetCSV.field(text))
    }

    /// A number needs no quoting nor guard: it is digits, a '.' and maybe a leading '-', and
    /// `SpreadsheetCSV.field` leaves a cell that starts with '-' alone when it reads as a number.
    fileprivate mutating func appendCSVNumber(_ value: Double?) {
        append(number: value, empty: "")
    }

    fileprivate mutating func appendCSVRow(_ fields: [String]) {
        append(utf8Of: SpreadsheetCSV.row(fields))
    }
}
