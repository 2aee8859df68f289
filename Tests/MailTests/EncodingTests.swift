@testable import Mail
import Testing

@Suite struct QuotedPrintableTests {
    @Test func longLinesAreSoftBrokenWithinSeventySixCharacters() {
        let text = String(repeating: "Keep the voice in-house; ", count: 20) + "end"
        let encoded = String(decoding: QuotedPrintable.encode(Array(text.utf8)), as: UTF8.self)
        let lines = encoded.components(separatedBy: "\r\n").dropLast()
        #expect(lines.count > 5)
        #expect(lines.allSatisfy { $0.utf8.count <= 76 })
        #expect(lines.dropLast().allSatisfy { $0.hasSuffix("=") }, "every line but the last ends in a soft break")
    }

    @Test func equalsSignsTrailingSpacesAndNonASCIIAreEscaped() {
        let encoded = String(decoding: QuotedPrintable.encode(Array("a=b \nRosa's café\t\n".utf8)), as: UTF8.self)
        #expect(encoded == "a=3Db=20\r\nRosa's caf=C3=A9=09\r\n")
    }

    @Test func aLeadingDotOrFromIsEscapedSoNoTransportCanMistakeIt() {
        let encoded = String(decoding: QuotedPrintable.encode(Array(".\nFrom here\n".utf8)), as: UTF8.self)
        #expect(encoded == "=2E\r\n=46rom here\r\n")
    }

    @Test func anEscapeIsNeverSplitAcrossASoftBreak() {
        let text = String(repeating: "x", count: 74) + "é"
        let lines = String(decoding: QuotedPrintable.encode(Array(text.utf8)), as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines[0] == String(repeating: "x", count: 74) + "=")
        #expect(lines[1] == "=C3=A9")
    }
}

@Suite struct Base64Tests {
    @Test func linesAreSeventySixCharactersWithCRLF() {
        let bytes = [UInt8](repeating: 0xAB, count: 200)
        let lines = String(decoding: Base64Lines.encode(bytes), as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines[0].count == 76 && lines[1].count == 76)
        #expect(lines.last == "", "ends with CRLF")
    }

    @Test func paddingMatchesTheStandardAlphabet() {
        #expect(String(decoding: Base64Lines.encodeWord(Array("Ma".utf8)[...]), as: UTF8.self) == "TWE=")
        #expect(String(decoding: Base64Lines.encodeWord(Array("M".utf8)[...]), as: UTF8.self) == "TQ==")
    }
}

@Suite struct HeaderTextTests {
    @Test func nonASCIISubjectsBecomeEncodedWordsThatNeverSplitACharacter() {
        let words = HeaderText.encodedWords(String(repeating: "日本語のテキスト", count: 6))
        #expect(words.count > 1)
        for word in words {
            #expect(word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?="))
            #expect(word.utf8.count <= 75, "RFC 2047 caps an encoded word at 75 characters")
        }
    }

    @Test func foldedHeaderLinesStayWithinSeventyEightCharacters() {
        let header = String(decoding: HeaderText.unstructured("Subject", String(repeating: "Social media in-house ", count: 10)), as: UTF8.self)
        let lines = header.components(separatedBy: "\r\n").dropLast()
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { $0.utf8.count <= 78 })
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(" ") }, "continuation lines start with white space")
    }

    @Test func plainASCIIThatLooksLikeAnEncodedWordIsEncodedForReal() {
        let header = String(decoding: HeaderText.unstructured("Subject", "=?UTF-8?B?aGk=?="), as: UTF8.self)
        #expect(!header.contains(" =?UTF-8?B?aGk=?="), "a reader would decode it to 'hi'")
    }

    @Test(arguments: ["a\rb", "a\nb", "a\u{0}b", "a\u{1B}b", "a\u{7F}b", "a\u{85}b", "a\u{2028}b", "tab\there"])
    func everyControlCharacterIsForbiddenInHeaders(_ text: String) {
        #expect(HeaderText.forbiddenCharacter(in: text) != nil)
    }

    @Test func ordinaryNamesWithQuotesEmojiAndRightToLeftTextAreAllowed() {
        for name in ["Rosa \"the baker\" Martinelli", "Café 🍰", "مخبز روزا", "ローザのパン屋"] {
            #expect(HeaderText.forbiddenCharacter(in: name) == nil, "\(name)")
        }
    }
}

@Suite struct MailAddressTests {
    @Test(arguments: [
        "rosa@example.com", "first.last+tag@sub.example.co.uk", "o'brien@example.ie", "\"john doe\"@example.com",
        "x@[192.0.2.1]", "a_b-c@x-y.example",
    ])
    func validAddressesAreAccepted(_ text: String) {
        #expect(MailAddress(text) != nil, "\(text)")
    }

    @Test(arguments: [
        "", "rosa", "rosa@", "@example.com", "a..b@example.com", ".a@example.com", "a.@example.com", "a b@example.com",
        "a@-example.com", "a@example-.com", "a@exa_mple.com", "rosa@example.com\r\nBcc: all@example.com", "rosé@example.com",
        "a@b@example.com", "\"unterminated@example.com", "<rosa@example.com>",
    ])
    func malformedAddressesAreRefused(_ text: String) {
        #expect(MailAddress(text) == nil, "\(text)")
    }

    @Test func overlongPartsAreRefused() {
        #expect(MailAddress(String(repeating: "a", count: 65) + "@example.com") == nil, "local part over 64")
        #expect(MailAddress("a@" + String(repeating: "b", count: 64) + ".com") == nil, "label over 63")
        #expect(MailAddress(String(repeating: "a", count: 64) + "@example.com") != nil)
    }
}
