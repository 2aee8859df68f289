@testable import Reporting
import Testing

@Suite("Notes become paragraphs where a Character split by \"\\n\" would split them")
struct NotesParagraphTests {
    static let pieces = ["a", "é", "\n", "\n", "\r\n", "\r", " ", "e\u{301}", "🎉", "\n\u{301}", "\u{2028}"]

    @Test("the UTF-8 split agrees with the Character split on generated notes")
    func agreesWithCharacterSplit() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let notes = (0..<Int.random(in: 0...10, using: &generator)).map { _ in Self.pieces.randomElement(using: &generator) ?? "" }.joined()
            let expected = notes.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
            #expect(ReportBuilder.paragraphs(of: notes) == expected, "\(Array(notes.unicodeScalars))")
        }
    }
}
