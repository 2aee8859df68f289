/// Header fields as bytes: unstructured text and display names as RFC 2047 encoded words when they are not plain
/// ASCII, folded so no line passes 78 characters.
enum HeaderText {
    static let lineLimit = 78

    /// The first control character in `text` (CR, LF, NUL, other C0 and C1 controls, DEL, the Unicode line and
    /// paragraph separators), which must never reach a header: a line break there would start a new header. The
    /// direction overrides and isolates are refused too: in a subject or a name they make text read backwards
    /// ("invoice\u{202E}fdp.exe"), which is how senders are spoofed.
    static func forbiddenCharacter(in text: String) -> Unicode.Scalar? {
        text.unicodeScalars.first { scalar in
            switch scalar.value {
            case 0..<0x20, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: return true
            default: return false
            }
        }
    }

    /// The longest word or quoted name kept as plain text; longer ones become encoded words, which fold.
    static let longestPlainWord = 60

    /// `Name: value` with CRLF, where value is free text (a subject).
    static func unstructured(_ name: String, _ value: String) -> [UInt8] {
        fold(name, words(for: value))
    }

    /// `Name: "Display" <address>` or `Name: address`.
    static func address(_ name: String, _ address: MailAddress) -> [UInt8] {
        guard let display = address.displayName else { return fold(name, [address.address]) }
        return fold(name, phrase(display) + ["<\(address.address)>"])
    }

    /// Lays words out on lines of at most `lineLimit` characters, a space between words, CRLF SP between lines.
    static func fold(_ name: String, _ words: [String]) -> [UInt8] {
        var out = Array("\(name):".utf8)
        var column = out.count
        for word in words {
            let length = word.utf8.count
            if column + 1 + length > lineLimit && column > name.utf8.count + 1 {
                out += Array("\r\n".utf8)
                column = 0
            }
            out.append(UInt8(ascii: " "))
            out += Array(word.utf8)
            column += 1 + length
        }
        out += Array("\r\n".utf8)
        return out
    }

    /// Plain ASCII text stays readable, split at spaces; anything else becomes encoded words.
    private static func words(for text: String) -> [String] {
        guard !text.isEmpty else { return [] }
        let words = text.split(separator: " ", omittingEmptySubsequences: false)
        // Plain only when folding at single spaces gives the text back exactly and every piece fits on a line.
        let plain = isPlain(text) && words.allSatisfy { !$0.isEmpty && $0.utf8.count <= longestPlainWord }
        return plain ? words.map(String.init) : encodedWords(text)
    }

    private static func isPlain(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F } && !looksEncoded(text)
    }

    /// A display name: a quoted string when it is ASCII, else encoded words (allowed as phrase words).
    private static func phrase(_ text: String) -> [String] {
        guard isPlain(text), text.utf8.count <= longestPlainWord else { return encodedWords(text) }
        var quoted = "\""
        for character in text {
            if character == "\"" || character == "\\" { quoted.append("\\") }
            quoted.append(character)
        }
        return [quoted + "\""]
    }

    /// ASCII text holding "=?" would be decoded by readers as if we had encoded it; encode it for real instead.
    private static func looksEncoded(_ text: String) -> Bool { text.contains("=?") }

    /// RFC 2047 B-encoded words of UTF-8, each at most 75 characters, never splitting a character.
    static func encodedWords(_ text: String) -> [String] {
        let maximumBytes = 36  // 48 base64 characters + 12 of framing: a word fits beside "Subject: " on one line
        var words: [String] = []
        var chunk: [UInt8] = []
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > maximumBytes {
                words.append(word(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append(word(chunk)) }
        return words
    }

    private static func word(_ bytes: [UInt8]) -> String {
        "=?UTF-8?B?" + String(decoding: Base64Lines.encodeWord(bytes[...]), as: UTF8.self) + "?="
    }
}
