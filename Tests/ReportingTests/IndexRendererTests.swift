import Assessment
import Foundation
import Reporting
import Testing

/// The index of a batch: valid, complete across the pieces it is written in, and the same rows in every format.
@Suite struct IndexRendererTests {
    static func index(rows count: Int, failures: Int = 2) -> BatchIndex {
        let rows = (0..<count).map { number in
            BatchIndex.Row(
                client: number == 0 ? "<script>alert('x')</script> & \"Co\" | *bold* \u{7}" : "Client \(number)",
                verdict: Verdict.allCases[number % 4], overall: number % 7 == 0 ? nil : Double(number % 100) + 0.25,
                scores: [10, 20.06, nil, 99.95], link: "client-\(number).html")
        }
        let failed = (0..<failures).map { BatchIndex.Failure(input: "bad-\($0).yaml", message: "error: it is ```broken```\n  --> bad.yaml:1:1\n") }
        return BatchIndex(criterionTitles: ["A", "B", "C", "D"], rows: rows, failures: failed, notProcessed: 3)
    }

    @Test func rowsWrittenInManyPiecesAllAppearOnceAndInOrder() {
        let count = IndexRenderer.chunkSize * 2 + 7
        let html = String(decoding: IndexRenderer.html(Self.index(rows: count)), as: UTF8.self)
        var position = html.startIndex
        for number in 1..<count {
            let link = "href=\"client-\(number).html\""
            let found = html.range(of: link, range: position..<html.endIndex)
            #expect(found != nil, "\(link) missing or out of order")
            position = found?.upperBound ?? position
        }
        #expect(html.components(separatedBy: "<tr>").count - 1 == count + 1 + 4 + 1, "client rows, their header, verdict rows, theirs")
        #expect(html.contains("\(count + 5) inputs, \(count) scored, 2 failed, 3 not processed"))
        #expect(!html.contains("\u{E000}"), "no slot marker left behind")
    }

    @Test(arguments: [0, 1, IndexRenderer.chunkSize - 1, IndexRenderer.chunkSize, IndexRenderer.chunkSize * 5 + 7])
    func chunksBuiltAtOnceGiveTheBytesOfChunksBuiltOneByOne(rows: Int) {
        let index = Self.index(rows: rows)
        func page(chunksAtOnce: Int) -> (bytes: [UInt8], pieces: Int) {
            var bytes: [UInt8] = []
            var pieces = 0
            IndexRenderer.writeHTML(index, chunksAtOnce: chunksAtOnce) {
                bytes += $0
                pieces += 1
            }
            return (bytes, pieces)
        }
        let oneByOne = page(chunksAtOnce: 1)
        for chunksAtOnce in [2, 3, IndexRenderer.defaultChunksAtOnce] {
            let atOnce = page(chunksAtOnce: chunksAtOnce)
            #expect(atOnce.bytes == oneByOne.bytes, "\(chunksAtOnce) chunks at once")
            #expect(atOnce.pieces == oneByOne.pieces, "one piece per chunk, as before")
        }
        #expect(oneByOne.bytes == IndexRenderer.html(index))
    }

    @Test func theIndexPageIsValidHTML5WithHostileText() throws {
        try withTemporaryDirectory { directory in
            try Data(IndexRenderer.html(Self.index(rows: 30))).write(to: directory.appendingPathComponent("index.html"))
            let result = try validateHTML(in: directory)
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        }
    }

    @Test func markdownAndCSVListTheSameRowsAsTheHTML() {
        var markdown: [UInt8] = []
        var csv: [UInt8] = []
        let index = Self.index(rows: IndexRenderer.chunkSize + 3)
        IndexRenderer.writeMarkdown(index) { markdown += $0 }
        IndexRenderer.writeCSV(index) { csv += $0 }
        let markdownText = String(decoding: markdown, as: UTF8.self)
        let csvText = String(decoding: csv, as: UTF8.self)
        #expect(markdownText.components(separatedBy: "](<client-").count - 1 == index.rows.count)
        #expect(markdownText.contains("\\<script\\>"), "markup in a name is escaped")
        #expect(markdownText.contains("````text\nerror: it is ```broken```"), "a fence longer than the backticks inside")
        let lines = csvText.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == 1 + index.rows.count + index.failures.count)
        #expect(lines[0] == "client,verdict,overall,A,B,C,D,file,error")
        #expect(lines[2] == "Client 1,hybrid,1.3,10.0,20.1,,100.0,client-1.html,")
    }
}
