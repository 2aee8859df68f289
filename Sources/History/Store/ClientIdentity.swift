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
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last])).lowercased()
    }
}
