import TestSupport
@testable import Assessment
import Testing

@Suite("Client slugs: safe, stable file names from client names")
struct ClientSlugTests {
    @Test("names become lowercase words joined by '-', apostrophes vanish, reserved and empty names are prefixed", arguments: [
        ("Rosa's Bakery", "rosas-bakery"),
        ("Rosa’s Bakery", "rosas-bakery"),
        ("../../etc/passwd", "etc-passwd"),
        ("  Harbour  Coffee -- Franchise! ", "harbour-coffee-franchise"),
        ("CON", "client-con"),
        ("index", "client-index"),
        ("", "client"),
        ("日本語", "client"),
        ("Café Ünï 2", "caf-n-2"),
        ("\u{212A}elvin", "kelvin"),
        ("nul\u{0}byte", "nul-byte"),
    ])
    func examples(_ name: String, _ expected: String) {
        #expect(ClientSlug.make(name) == expected)
    }

    @Test("a very long name is cut near 80 characters")
    func longNamesAreBounded() {
        let slug = ClientSlug.make(String(repeating: "ab cd ", count: 100))
        #expect(slug.count <= ClientSlug.maxLength + 1)
        #expect(slug.hasPrefix("ab-cd-ab"))
        #expect(!slug.hasSuffix("-"))
    }

    @Test("the byte loop for ASCII names gives what the Unicode rules give, on 20,000 random ASCII names")
    func asciiLoopAgreesWithUnicodeRules() {
        var generator = TestSupport.SplitMix64(seed: 0x5EED)
        let alphabet = Array("aZ09 -'._/\\\u{0}\t:AbCzZ9".utf8) + (0..<128).map(UInt8.init)
        for _ in 0..<20_000 {
            let length = Int(generator.next() % 120)
            let bytes = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            let name = String(decoding: bytes, as: UTF8.self)
            #expect(ClientSlug.asciiSlug(name) == ClientSlug.unicodeSlug(name), "\(bytes)")
        }
    }
}
