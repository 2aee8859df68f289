@testable import Reporting
import Testing

/// The writer on small trees, for the shapes the sample reports never take: empty emphasis, breaks,
/// ragged or headless tables, long ordered lists, lines that would open a block, links and e-mail
/// addresses. The expected texts are what the writer wrote when it still built every line in an array
/// of its own; they hold the faster writer to the same bytes.
@Suite("Markdown writer: shapes the samples do not show")
struct MarkdownWriterTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let body: String
        let markdown: String
        var testDescription: String { body }
    }

    static let cases: [Case] = [
        Case(body: "<p>one <strong>two</strong> three</p><p>x <em> </em> y</p><p><b>bold </b>after</p>",
             markdown: "one **two** three\n\nx y\n\n**bold** after\n"),
        Case(body: "<p>line<br>break<br></p><p><br>lead</p>", markdown: "line break\n\nlead\n"),
        Case(body: "<h2>Shop #1</h2><p># not a heading</p><p>- not a list</p><p>+ plus</p><p>= under</p><p>12. twelve</p><p>3) three</p><p>2026 year</p>",
             markdown: "## Shop \\#1\n\n\\# not a heading\n\n\\- not a list\n\n\\+ plus\n\n\\= under\n\n12\\. twelve\n\n3\\) three\n\n2026 year\n"),
        Case(body: "<ol>" + (1...11).map { "<li>item \($0)</li>" }.joined() + "</ol><ul><li>-1</li><li></li><li>1. x</li></ul>",
             markdown: (1...11).map { "\($0). item \($0)" }.joined(separator: "\n") + "\n\n- \\-1\n- \n- 1\\. x\n"),
        Case(body: "<table><tr><th>A</th><th>B</th></tr><tr><td>1</td></tr><tr><td>1</td><td></td><td>extra</td></tr><tr><td>a|b</td><td><strong>s</strong></td></tr></table>",
             markdown: "| A | B |\n| --- | --- |\n| 1 |   |\n| 1 |   |\n| a\\|b | **s** |\n"),
        Case(body: "<table><tr></tr><tr><td>lost</td></tr></table><p>after</p>", markdown: "after\n"),
        Case(body: "<table><thead><tr><th>H</th></tr></thead><tbody><tr><td>b</td></tr></tbody></table>",
             markdown: "| H |\n| --- |\n| b |\n"),
        Case(body: "<p>see https://example.com and www.example.com, HTTP://X ftp:y</p><p>www</p>",
             markdown: "see https\\://example.com and www\\.example.com, HTTP\\://X ftp\\:y\n\nwww\n"),
        Case(body: "<p>mail me@example.com now</p><p>a@b</p><p>x`y@z.org</p><p>`q@r.s`</p>",
             markdown: "mail `me@example.com` now\n\na\\@b\n\n``x`y@z.org``\n\n`` `q@r.s` ``\n"),
        Case(body: "<p>tabs\tand\nnewlines  and   spaces </p><hr><figcaption> caption </figcaption><svg><text>chart</text></svg>",
             markdown: "tabs and newlines and spaces\n\n---\n\ncaption\n"),
        Case(body: "<div>loose text <span>in a div</span></div><p>*stars* _under_ [link](x) a&amp;b ~t~ `c`</p>",
             markdown: "loose text\n\nin a div\n\n\\*stars\\* \\_under\\_ \\[link\\](x) a\\&b \\~t\\~ \\`c\\`\n"),
    ]

    @Test(arguments: cases)
    func writes(_ example: Case) throws {
        let parsed = HTMLDocument.parse("<!DOCTYPE html><html><body>\(example.body)</body></html>", url: "case.html")
        let document = try parsed.get()
        var writer = MarkdownWriter(document: document)
        #expect(String(decoding: writer.write(), as: UTF8.self) == example.markdown)
    }
}
