/// A client's stable key: its explicit `client.id` when the questionnaire gives one, else its name and e-mail.
///
/// Both are normalised (trimmed, case-folded) so "Rosa's Bakery " and "rosa's bakery" are one client.
public enum ClientIdentity {
    public static func key(id: String?, name: String, email: String?) -> String {
        if let id, !normalise(id).isEmpty { return "id:" + normalise(id) }
        // U+001F (unit separator) cannot occur in a checked name or address, so the two parts cannot run together.
        return "name:" + normalise(name) + "\u{1F}" + normalise(email ?? "")
    }

    public static func normalise(_ text: String) -> String {
        if let ascii = normaliseASCII(text) { return ascii }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last])).lowercased()
    }

    /// The same for ASCII text, the usual case, on bytes (ASCII white space is tab to carriage return, and space);
    /// nil when `text` is not all ASCII.
    private static func normaliseASCII(_ text: String) -> String? {
        let utf8 = text.utf8
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
        guard let first = utf8.firstIndex(where: { !isSpace($0) }), let last = utf8.lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        let trimmed = utf8[first...last]
        if first == utf8.startIndex && last == utf8.index(before: utf8.endIndex) && !trimmed.contains(where: { (0x41...0x5A).contains($0) }) {
            return text
        }
        return String(decoding: trimmed.map { (0x41...0x5A).contains($0) ? $0 + 0x20 : $0 }, as: UTF8.self)
    }
}

