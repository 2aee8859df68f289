@testable import Assessment
import Testing
import TestSupport

/// Dates and e-mail addresses in ASCII are checked byte by byte; the answer must be the one reading them as
/// characters gives.
@Suite("Byte checks")
struct ByteChecksTests {
    /// Texts built from the characters that matter to the checks, ASCII and not, in random orders and lengths.
    static func texts(from alphabet: [String], count: Int, seed: UInt64) -> [String] {
        var generator = TestSupport.SplitMix64(seed: seed)
        return (0..<count).map { _ in
            let length = Int.random(in: 0...14, using: &generator)
            return (0..<length).map { _ in alphabet.randomElement(using: &generator) ?? "" }.joined()
        }
    }

    @Test("a date reads the same byte by byte as by characters")
    func dates() {
        var texts = ["2024-02-29", "2023-02-29", "2026-13-01", "2026-00-10", "0000-01-01", "2026-01-32", "9999-12-31", "2026-1-01"]
        texts += Self.texts(from: ["2", "0", "1", "9", "-", "+", " ", "\u{301}", "٣"], count: 20_000, seed: 1)
        var generator = TestSupport.SplitMix64(seed: 2)
        for _ in 0..<20_000 {
            let digits = (0..<8).map { _ in String(Int.random(in: 0...9, using: &generator)) }
            texts.append(digits[0..<4].joined() + "-" + digits[4..<6].joined() + "-" + digits[6..<8].joined())
        }
        #expect(texts.filter { CalendarDate.isValid($0) }.count > 300, "some of the texts must be dates")
        let wrong = texts.filter { CalendarDate.isValid($0) != CalendarDate.isValid(characters: $0) }
        #expect(wrong.isEmpty, "\(wrong.prefix(5))")
    }

    @Test("an e-mail address reads the same byte by byte as by characters")
    func emails() {
        var texts = ["a@b.c", "a@b", "@b.c", "a@@b.c", "a@.b", "a@b.", "a b@c.d", "a@b.c\r\n", "\r\na@b.c", String(repeating: "a", count: 250) + "@b.cd"]
        texts += Self.texts(from: ["a", "@", ".", " ", "<", "\"", "\\", ":", "\u{7F}", "\r", "\n", "\r\n", "é", "\u{301}"], count: 50_000, seed: 3)
        // Addresses of a likelier shape: a local part, an '@', a domain, each from a few good and bad ones.
        let locals = ["a", "first.last", "x_y+z", "", "a b", "é", "a\u{301}", "a@b", "<a>", "a\t"]
        let domains = ["example.com", "b.c", ".com", "com.", "nodot", "ex\u{301}.org", "a..b", "x.y\r\n", "[1.2]", "é.fr"]
        texts += locals.flatMap { local in domains.flatMap { domain in ["\(local)@\(domain)", "\(local)@@\(domain)", "\(local).@\(domain)"] } }
        let ascii = texts.filter { $0.utf8.allSatisfy { $0 < 0x80 } }
        #expect(ascii.count > 10_000)
        #expect(ascii.filter { EmailAddress.isPlausible($0) }.count > 10, "some of the texts must be plausible addresses")
        let wrong = ascii.filter { EmailAddress.isPlausible(ascii: $0) != EmailAddress.isPlausible(characters: $0) }
        #expect(wrong.isEmpty, "\(wrong.prefix(5))")
        #expect(texts.allSatisfy { EmailAddress.isPlausible($0) == EmailAddress.isPlausible(characters: $0) })
    }
}
