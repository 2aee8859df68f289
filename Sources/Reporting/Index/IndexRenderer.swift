import Assessment

/// Writes the index of a batch as a self-contained HTML5 page built with libxml2, in pieces: the frame is one
/// small tree, and the rows go through a fresh small tree every `chunkSize` rows, so the page can list
/// any number of clients without the whole tree in memory.
public enum IndexRenderer {
    public static let chunkSize = 500

    private static let marker = "\u{E000}insource-slot\u{E000}"

    /// Calls `sink` with consecutive pieces of the page's UTF-8 bytes; builds up to `chunksAtOnce` chunks
    /// of rows at a time on as many threads (`writeChunks`).
    public static func writeHTML(
        _ index: BatchIndex, chunksAtOnce: Int = defaultChunksAtOnce, to sink: ([UInt8]) throws -> Void
    ) rethrows {
        LibXML.initialise()
        guard case .success(let frame) = HTMLDocument.parse(skeleton, url: "index.html"),
            let body = frame.firstElement(named: "body"), let head = frame.firstElement(named: "head")
        else { return }
        frame.element("title", in: head, text: "Assessments: \(index.headline)")
        frame.element("style", in: head, text: styles)
        let main = frame.element("main", in: body)
        frame.element("h1", in: main, text: "Assessments")
        frame.element("p", in: main, attributes: [("class", "headline")], text: index.headline)
        counts(index, in: main, of: frame)
        frame.element("h2", in: main, text: "Clients")
        let table = frame.element("table", in: main, attributes: [("class", "clients")])
        let header = frame.element("tr", in: frame.element("thead", in: table))
        for title in index.columnTitles { frame.element("th", in: header, attributes: [("scope", "col")], text: title) }
        frame.element("tbody", in: table, text: marker)
        frame.element("h2", in: main, text: "Inputs that failed")
        frame.element("div", in: main, attributes: [("class", "failures")], text: marker)

        let page = frame.serialized()
        let markerBytes = Array(marker.utf8)
        let pieces = split(page, at: markerBytes)
        guard pieces.count == 3 else { return try sink(page) }
        try sink(pieces[0])
        let criteria = index.criterionTitles.count
        try writeChunks(of: index.rows, chunksAtOnce: chunksAtOnce, to: sink) { rows($0, criteria: criteria) }
        try sink(pieces[1])
        if index.failures.isEmpty {
            try sink(Array("<p>None.</p>".utf8))
        }
        for start in stride(from: 0, to: index.failures.count, by: chunkSize) {
            try sink(failures(index.failures[start..<min(start + chunkSize, index.failures.count)]))
        }
        try sink(pieces[2])
    }

    /// The whole page at once (for tests and small batches).
    public static func html(_ index: BatchIndex) -> [UInt8] {
        var out: [UInt8] = []
        writeHTML(index) { out += $0 }
        return out
    }

    private static let skeleton = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"></head><body></body></html>
        """

    private static let styles = """
        body{font-family:system-ui,sans-serif;margin:2rem;color:#1d2330}table{border-collapse:collapse;margin:1rem 0}\
        th,td{padding:.3rem .6rem;border-bottom:1px solid #d8dce4;text-align:left}td.number{text-align:right}\
        table.clients td+td{text-align:right}\
        .keep-in-house{color:#1b6e3a}.hybrid{color:#8a5a00}.outsource{color:#a4262c}.inconclusive{color:#5b6270}\
        pre{background:#f4f5f8;padding:.6rem;overflow-x:auto;white-space:pre-wrap}
        """

    private static func counts(_ index: BatchIndex, in parent: HTMLDocument.Node, of document: HTMLDocument) {
        let table = document.element("table", in: parent, attributes: [("class", "counts")])
        let header = document.element("tr", in: document.element("thead", in: table))
        document.element("th", in: header, attributes: [("scope", "col")], text: "Verdict")
        document.element("th", in: header, attributes: [("scope", "col")], text: "Clients")
        let body = document.element("tbody", in: table)
        for (verdict, count) in index.counts {
            let row = document.element("tr", in: body)
            document.element("td", in: row, attributes: [("class", verdict.rawValue)], text: verdict.rawValue)
            document.element("td", in: row, attributes: [("class", "number")], text: String(count))
        }
    }

    private static func piece() -> (HTMLDocument, HTMLDocument.Node)? {
        guard case .success(let document) = HTMLDocument.parse("<html><body><div></div></body></html>", url: "piece.html"),
            let container = document.firstElement(named: "div")
        else { return nil }
        return (document, container)
    }

    private static func rows(_ rows: ArraySlice<BatchIndex.Row>, criteria: Int) -> [UInt8] {
        guard let (document, container) = piece() else { return [] }
        for row in rows {
            let tr = document.element("tr", in: container)
            let name = document.element("th", in: tr, attributes: [("scope", "row")])
            if let link = row.link {
                document.element("a", in: name, attributes: [("href", link)], text: row.client)
            } else {
                document.text(row.client, in: name)
            }
            document.element("td", in: tr, attributes: [("class", row.verdict.rawValue)], text: row.verdict.rawValue)
            // The numbers are right-aligned by the style sheet (every cell after the verdict) rather than by a
            // class on each: a batch of 100,000 writes half a million of them.
            document.element("td", in: tr, text: BatchIndex.number(row.overall))
            for position in 0..<max(criteria, row.scores.count) {
                let score = row.scores.indices.contains(position) ? row.scores[position] : nil
                document.element("td", in: tr, text: BatchIndex.number(score))
            }
        }
        return document.serializedChildren(of: container)
    }

    private static func failures(_ failures: ArraySlice<BatchIndex.Failure>) -> [UInt8] {
        guard let (document, container) = piece() else { return [] }
        for failure in failures {
            let section = document.element("section", in: container, attributes: [("class", "failure")])
            document.element("h3", in: section, text: failure.input)
            document.element("pre", in: section, text: failure.message)
        }
        return document.serializedChildren(of: container)
    }

    private static func split(_ bytes: [UInt8], at marker: [UInt8]) -> [[UInt8]] {
        var pieces: [[UInt8]] = []
        var start = 0
        var index = 0
        while index + marker.count <= bytes.count {
            if bytes[index] == marker[0] && bytes[index..<(index + marker.count)].elementsEqual(marker) {
                pieces.append(Array(bytes[start..<index]))
                index += marker.count
                start = index
            } else {
                index += 1
            }
        }
        pieces.append(Array(bytes[start...]))
        return pieces
    }
}
