/// A client's stable key: its explicit `client.id` when the questionnaire gives one, else its name and e-mail.
///
/// Both are normalised (trimmed, case-folded) so "Rosa's Bakery " and "rosa's bakery" are one client.
public enum ClientIdentity {
    public static func key(id: String?, name: String, email: String?) -> String {
        if let id {
            let id = normalise(id)
            if !id.isEmpty { return "id:" + id }
        }
        // U+001F (unit separator) cannot occur in a checked name or address, so the two parts cannot run together.
        return "name:" + normalise(name) + "\u{1F}" + normalise(email ?? "")
    }

    /// White space trimmed at both ends (as `Unicode.Scalar.Properties.isWhitespace` says), then `lowercased()`.
    public static func normalise(_ text: String) -> String {
        if let ascii = text.utf8.withContiguousStorageIfAvailable({ normaliseASCII($0, of: text) }), let ascii { return ascii }
        return normaliseUnicode(text)
    }

    /// ASCII text, the usual case, on its bytes (ASCII white space is tab to carriage return, and space); nil when
    /// `text` is not all ASCII. Text with nothing to change comes back as it is.
    private static func normaliseASCII(_ utf8: UnsafeBufferPointer<UInt8>, of text: String) -> String? {
        guard utf8.reduce(0, |) < 0x80 else { return nil }
        guard let first = utf8.firstIndex(where: { !isSpace($0) }), let last = utf8.lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        let trimmed = UnsafeBufferPointer(rebasing: utf8[first...last])
        if trimmed.count == utf8.count && !trimmed.contains(where: isUpper) { return text }
        return String(unsafeUninitializedCapacity: trimmed.count) { buffer in
            for (offset, byte) in trimmed.enumerated() { buffer[offset] = lowered(byte) }
            return trimmed.count
        }
    }

    /// `lowercased()` maps text that is not all ASCII one scalar at a time (`properties.lowercaseMapping`); doing the
    /// same here, with ASCII scalars mapped directly, gives the same text without a table lookup for most of them.
    private static func normaliseUnicode(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for scalar in scalars[first...last] {
            if scalar.isASCII {
                bytes.append(lowered(UInt8(scalar.value)))
            } else {
                bytes.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
    private static func isUpper(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) }
    private static func lowered(_ byte: UInt8) -> UInt8 { isUpper(byte) ? byte + 0x20 : byte }
}
