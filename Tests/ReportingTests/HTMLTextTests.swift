import TestSupport
@testable import Reporting
import Testing

/// Text without `<`, `>` or `&` is written without libxml2's escaping pass; these tests hold that to
/// being exact and the scan that decides it to finding every such byte.
@Suite("Text nodes written without escaping are exactly what escaping would write")
struct HTMLTextTests {
    /// Every code point up to U+02FF (ASCII, C1, Latin), and a few from further up.
    static let scalars: [Unicode.Scalar] = (0...0x2FF).compactMap(Unicode.Scalar.init)
        + [0x2028, 0x2029, 0x200B, 0xFEFF, 0xFFFD, 0xFFFF, 0x1F389, 0x10FFFF].compactMap(Unicode.Scalar.init)

    /// The children of a fresh paragraph holding `text`, as libxml2 writes them.
    static func written(_ text: String) throws -> String {
        let document = try HTMLDocument.parse("<html><body><p></p></body></html>", url: "test.html").get()
        let paragraph = try #require(document.firstElement(named: "p"))
        document.text(text, in: paragraph)
        return String(decoding: document.serializedChildren(of: paragraph), as: UTF8.self)
    }

    @Test("each code point is written as libxml2's escaper writes it")
    func unescapedTextIsExact() throws {
        for scalar in Self.scalars {
            let text = "a\(scalar)b"
            // A leading "&" makes the text go through libxml2's escaper; without it, only markup does.
            let escaped = try Self.written("&" + text)
            let written = try Self.written(text)
            #expect("&amp;" + written == escaped, "U+\(String(scalar.value, radix: 16))")
        }
    }

    @Test("markup is always escaped")
    func markupIsEscaped() throws {
        #expect(try Self.written("<b>&amp;</b> > x") == "&lt;b&gt;&amp;amp;&lt;/b&gt; &gt; x")
        #expect(try Self.written("a long run of plain text before the <script>") == "a long run of plain text before the &lt;script&gt;")
    }

    @Test("the scan finds each kind of byte at every place in texts of every length up to 40")
    func scanFindsEveryPlace() {
        for (special, forbidden, markup) in [("\u{1}", true, false), ("\u{7F}", true, false), ("\u{85}", true, false), ("<", false, true), (">", false, true), ("&", false, true), ("é", false, false), ("\u{A0}", false, false)] {
            for length in 1...40 {
                for place in 0..<length {
                    let text = String(repeating: "a", count: place) + special + String(repeating: "a", count: length - place - 1)
                    let findings = HTMLText.scan(text)
                    #expect(findings.forbidden == forbidden && findings.markup == markup, "\(Array(text.unicodeScalars))")
                }
            }
        }
    }

    @Test("the scan finds forbidden code points and markup wherever they stand", arguments: 0..<2_000)
    func scanAgreesWithScalars(seed: Int) {
        let pieces = ["a", "plain words ", "é", "\u{85}", "\u{9B}", "\u{A0}", "\u{7F}", "\u{0}", "\t", "\r\n", "<", ">", "&", "🎉", "\u{1B}"]
        var generator = SplitMix64(seed: UInt64(seed))
        let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
        let findings = HTMLText.scan(text)
        #expect(findings.forbidden == text.unicodeScalars.contains(where: HTMLText.isForbidden), "\(Array(text.unicodeScalars))")
        #expect(findings.markup == text.unicodeScalars.contains { "<>&".unicodeScalars.contains($0) }, "\(Array(text.unicodeScalars))")
    }
}
