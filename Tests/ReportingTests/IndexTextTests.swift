import Assessment
@testable import Reporting
import Testing

/// The Markdown and CSV index rows, written byte by byte into one buffer: the same text the cells
/// gave when each was a string of its own.
@Suite struct IndexTextTests {
    @Test func numbersAreOneDecimalRoundedHalfAwayFromZero() {
        // The formula the index used when each number was a string.
        func reference(_ value: Double) -> String {
            let tenths = Int((value * 10).rounded())
            return "\(tenths < 0 ? "-" : "")\(abs(tenths) / 10).\(abs(tenths) % 10)"
        }
        let special: [Double] = [0, -0.0, 0.04, 0.05, -0.04, -0.05, -0.06, 99.95, 100, -123.45, 1e15, -1e17, 9_007_199_254_740_993]
        for value in special + stride(from: -200.0, through: 200.0, by: 0.013) {
            #expect(BatchIndex.number(value) == reference(value), "\(value)")
            #expect(SpreadsheetCSV.field(BatchIndex.number(value, empty: "")) == BatchIndex.number(value, empty: ""), "a number is never quoted or guarded")
        }
        #expect(BatchIndex.number(nil) == "–")
        #expect(BatchIndex.number(.nan, empty: "") == "")
        #expect(BatchIndex.number(-.infinity) == "–")
    }

    @Test func aHostileNameIsEscapedInMarkdownAndQuotedInCSV() {
        let index = IndexRendererTests.index(rows: 2, failures: 1)
        var markdown: [UInt8] = []
        var csv: [UInt8] = []
        IndexRenderer.writeMarkdown(index) { markdown += $0 }
        IndexRenderer.writeCSV(index) { csv += $0 }
        let markdownLines = String(decoding: markdown, as: UTF8.self).components(separatedBy: "\n")
        #expect(markdownLines.contains("| Client | Verdict | Overall | A | B | C | D |"))
        #expect(markdownLines.contains("| --- | --- | ---: | ---: | ---: | ---: | ---: |"))
        #expect(
            markdownLines.contains(
                #"| [\<script\>alert('x')\</script\> \& "Co" \| \*bold\*](<client-0.html>) | keep-in-house | – | 10.0 | 20.1 | – | 100.0 |"#))
        #expect(markdownLines.contains("| [Client 1](<client-1.html>) | hybrid | 1.3 | 10.0 | 20.1 | – | 100.0 |"))
        #expect(markdownLines.contains("### bad-0.yaml"))
        let csvText = String(decoding: csv, as: UTF8.self)
        #expect(csvText.hasPrefix("client,verdict,overall,A,B,C,D,file,error\r\n\"<script>alert('x')</script> & \"\"Co\"\" | *bold* \u{7}\",keep-in-house,,10.0,20.1,,100.0,client-0.html,\r\n"))
        #expect(csvText.hasSuffix("bad-0.yaml,failed,,,,,,,\"error: it is ```broken```\n  --> bad.yaml:1:1\n\"\r\n"))
    }

    @Test func rowsWithoutLinksOrWithMoreScoresThanTitles() {
        let rows = [
            BatchIndex.Row(client: "=SUM(A1)", verdict: .outsource, overall: -2.25, scores: [1, 2, 3], link: nil),
            BatchIndex.Row(client: "www.example.com", verdict: .inconclusive, overall: nil, scores: [], link: "a<b>.html"),
            BatchIndex.Row(client: "ü", verdict: .hybrid, overall: 0, scores: [0], link: "ü\r\n<\u{301}>\u{2028}.html"),
        ]
        let index = BatchIndex(criterionTitles: ["A"], rows: rows, failures: [], notProcessed: 0)
        var markdown: [UInt8] = []
        var csv: [UInt8] = []
        IndexRenderer.writeMarkdown(index) { markdown += $0 }
        IndexRenderer.writeCSV(index) { csv += $0 }
        let markdownText = String(decoding: markdown, as: UTF8.self)
        #expect(markdownText.contains("\n| =SUM(A1) | outsource | -2.3 | 1.0 | 2.0 | 3.0 |\n"))
        #expect(markdownText.contains("\n| [www\\.example.com](<ab.html>) | inconclusive | – | – |\n"))
        #expect(markdownText.contains("\n| [ü](<ü<\u{301}.html>) | hybrid | 0.0 | 0.0 |\n"), "a bracket with a combining mark is no bracket")
        #expect(markdownText.hasSuffix("## Inputs that failed\n\nNone.\n"))
        #expect(
            String(decoding: csv, as: UTF8.self)
                == "client,verdict,overall,A,criterion 2,criterion 3,file,error\r\n'=SUM(A1),outsource,-2.3,1.0,2.0,3.0,,\r\n"
                + "www.example.com,inconclusive,,,,,a<b>.html,\r\n" + "ü,hybrid,0.0,0.0,,,\"ü\r\n<\u{301}>\u{2028}.html\",\r\n")
    }
}
