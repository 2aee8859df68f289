import Assessment

/// The index as GitHub-flavoured Markdown and as CSV, with the same rows as the HTML page.
extension IndexRenderer {
    /// Calls `sink` with consecutive pieces of the Markdown index.
    public static func writeMarkdown(_ index: BatchIndex, to sink: ([UInt8]) throws -> Void) rethrows {
        var out = Array("# Assessments\n\n".utf8)
        out += escaped(index.headline) + Array("\n\n| Verdict | Clients |\n| --- | ---: |\n".utf8)
        for (verdict, count) in index.counts { out += Array("| \(verdict.rawValue) | \(count) |\n".utf8) }
        out += Array("\n## Clients\n\n".utf8)
        let titles = index.columnTitles
        out += Array("| ".utf8) + titles.map(escaped).joined(separator: Array(" | ".utf8)) + Array(" |\n".utf8)
        out += Array(("|" + titles.indices.map { $0 < 2 ? " --- |" : " ---: |" }.joined() + "\n").utf8)
        for (position, row) in index.rows.enumerated() {
            var cells: [[UInt8]] = []
            let name = escaped(row.client)
            cells.append(row.link.map { Array("[".utf8) + name + Array("](\(linkTarget($0)))".utf8) } ?? name)
            cells.append(Array(row.verdict.rawValue.utf8))
            cells.append(Array(BatchIndex.number(row.overall).utf8))
            for slot in 0..<max(index.criterionTitles.count, row.scores.count) {
                cells.append(Array(BatchIndex.number(row.scores.indices.contains(slot) ? row.scores[slot] : nil).utf8))
            }
            out += Array("| ".utf8) + cells.joined(separator: Array(" | ".utf8)) + Array(" |\n".utf8)
            if position % chunkSize == chunkSize - 1 {
                try sink(out)
                out.removeAll(keepingCapacity: true)
            }
        }
        out += Array("\n## Inputs that failed\n\n".utf8)
        if index.failures.isEmpty { out += Array("None.\n".utf8) }
        for failure in index.failures {
            out += Array("### ".utf8) + escaped(failure.input) + Array("\n\n".utf8) + fenced(failure.message)
        }
        try sink(out)
    }

    /// Calls `sink` with the CSV rows (RFC 4180, CRLF): one per client, then one per failed input.
    public static func writeCSV(_ index: BatchIndex, to sink: ([UInt8]) throws -> Void) rethrows {
        let criteria = max(index.criterionTitles.count, index.rows.map(\.scores.count).max() ?? 0)
        let criterionTitles = (0..<criteria).map { $0 < index.criterionTitles.count ? index.criterionTitles[$0] : "criterion \($0 + 1)" }
        var out = csvRow(["client", "verdict", "overall"] + criterionTitles + ["file", "error"])
        for (position, row) in index.rows.enumerated() {
            let scores = (0..<criteria).map { BatchIndex.number(row.scores.indices.contains($0) ? row.scores[$0] : nil, empty: "") }
            out += csvRow([row.client, row.verdict.rawValue, BatchIndex.number(row.overall, empty: "")] + scores + [row.link ?? "", ""])
            if position % chunkSize == chunkSize - 1 {
                try sink(out)
                out.removeAll(keepingCapacity: true)
            }
        }
        for failure in index.failures {
            out += csvRow([failure.input, "failed", ""] + Array(repeating: "", count: criteria) + ["", failure.message])
        }
        try sink(out)
    }

    private static func escaped(_ text: String) -> [UInt8] {
        var line = MarkdownEscaping.Line()
        let bytes = Array(HTMLText.clean(text).utf8)
        bytes.withUnsafeBufferPointer { line.append(escaping: $0) }
        var out: [UInt8] = []
        line.finishBlock(into: &out, escapeStart: false)
        return out
    }

    /// A file name as a Markdown link target: our names are letters, digits, '-' and '.', but brackets keep any safe.
    private static func linkTarget(_ name: String) -> String {
        "<" + name.filter { $0 != "<" && $0 != ">" && !$0.isNewline } + ">"
    }

    /// Text shown verbatim: a fence longer than any run of backticks inside it.
    private static func fenced(_ text: String) -> [UInt8] {
        var longest = 0
        var run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        let body = HTMLText.clean(text)
        return Array("\(fence)text\n\(body)\(body.hasSuffix("\n") ? "" : "\n")\(fence)\n\n".utf8)
    }

    private static func csvRow(_ fields: [String]) -> [UInt8] {
        Array(SpreadsheetCSV.row(fields).utf8)
    }
}
