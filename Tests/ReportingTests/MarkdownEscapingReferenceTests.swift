@testable import Reporting
import Testing

/// The Markdown line writer copies runs of plain words at once; these tests hold it to the plain
/// word-by-word definition below on many generated texts, so the shortcut can never change what is escaped.
@Suite("Markdown escaping: the fast path writes what the word-by-word definition writes")
struct MarkdownEscapingReferenceTests {
    /// The definition: collapse white space, then escape each word on its own.
    struct Reference {
        var bytes: [UInt8] = []
        var pendingSpace = false

        mutating func append(_ text: [UInt8]) {
            var wordStart = 0
            for index in 0...text.count {
                let byte = index < text.count ? text[index] : 0x20
                guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { continue }
                if wordStart < index { word(Array(text[wordStart..<index])) }
                if index < text.count, !bytes.isEmpty { pendingSpace = true }
                wordStart = index + 1
            }
        }

        mutating func word(_ word: [UInt8]) {
            if pendingSpace { bytes.append(0x20); pendingSpace = false }
            if let at = word.firstIndex(of: UInt8(ascii: "@")), at > 0, at + 1 < word.count, word[(at + 1)...].contains(UInt8(ascii: ".")) {
                var longest = 0, run = 0
                for byte in word { run = byte == UInt8(ascii: "`") ? run + 1 : 0; longest = max(longest, run) }
                let fence = [UInt8](repeating: UInt8(ascii: "`"), count: longest + 1)
                let padded = word.first == UInt8(ascii: "`") || word.last == UInt8(ascii: "`")
                bytes += fence + (padded ? [0x20] : []) + word.filter { $0 >= 0x20 && $0 != 0x7F } + (padded ? [0x20] : []) + fence
                return
            }
            for byte in word {
                if byte < 0x20 || byte == 0x7F { continue }
                let special = Array("\\`*_[]<>|~&@#".utf8).contains(byte)
                    || (byte == UInt8(ascii: ":") && (ends("http") || ends("https") || ends("ftp")))
                    || (byte == UInt8(ascii: ".") && ends("www"))
                if special { bytes.append(UInt8(ascii: "\\")) }
                bytes.append(byte)
            }
        }

        func ends(_ word: String) -> Bool {
            let suffix = Array(word.utf8)
            guard bytes.count >= suffix.count else { return false }
            return zip(bytes.suffix(suffix.count), suffix).allSatisfy { $0 | 0x20 == $1 | 0x20 }
        }
    }

    static let pieces = [
        "a", "word", "www", "WWW", "http", "HTTPS", "ftp", "example", "com", ".", ":", "//", "@", "`", "*", "_", "\\", "#",
        "|", "<", "&", " ", " ", " ", "  ", "\n", "\t", "é", "·", "\u{07}", "\u{7F}", "x.y", "ab.", "wwww.", "http:",
        "mail@host.org", "1.", "-", "[", "]",
    ]

    @Test("generated texts, one or two text nodes per line")
    func generatedTextsAgree() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let nodes = (0..<Int.random(in: 1...2, using: &generator)).map { _ in
                (0..<Int.random(in: 0...12, using: &generator)).map { _ in Self.pieces.randomElement(using: &generator) ?? "" }.joined()
            }
            var line = MarkdownEscaping.Line()
            var reference = Reference()
            for node in nodes {
                let bytes = Array(node.utf8)
                bytes.withUnsafeBufferPointer { line.append(escaping: $0) }
                reference.append(bytes)
            }
            // A last word shows whether a space was pending.
            Array("z".utf8).withUnsafeBufferPointer { line.append(escaping: $0) }
            reference.append(Array("z".utf8))
            #expect(line.bytes == reference.bytes, "\(nodes)")
            if line.bytes != reference.bytes { return }
        }
    }
}
