/// Header fields as bytes: unstructured text and display names as RFC 2047 encoded words when they are not plain
/// ASCII, folded so no line passes 78 characters.
enum HeaderText {
    static let lineLimit = 78

    /// The first control character in `text` (CR, LF, NUL, other C0 and C1 controls, DEL, the Unicode line and
    /// paragraph separators), which must never reach a header: a line break there would start a new header.
    static func forbiddenCharacter(in text: String) -> Unicode.Scalar? {
        text.unicodeScalars.first { scalar in
            scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value <= 0x9F) || scalar == "\u{2028}" || scalar == "\u{2029}"
        }
    }

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
        let plain = text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F } && !looksEncoded(text)
        if plain { return text.split(separator: " ").map(String.init) }
        return encodedWords(text)
    }

    /// A display name: a quoted string when it is ASCII, else encoded words (allowed as phrase words).
    private static func phrase(_ text: String) -> [String] {
        let plain = text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F } && !looksEncoded(text)
        guard plain else { return encodedWords(text) }
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
        if !chunk.isEmpty || words.isEmpty { words.append(word(chunk)) }
        return words
    }

    private static func word(_ bytes: [UInt8]) -> String {
        "=?UTF-8?B?" + String(decoding: Base64Lines.encodeWord(bytes[...]), as: UTF8.self) + "?="
    }
}
