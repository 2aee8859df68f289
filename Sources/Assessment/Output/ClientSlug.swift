/// File names from client names: lowercase ASCII letters and digits joined by '-', so no name can
/// reach outside its directory, collide with a reserved name, or grow without bound. Apostrophes
/// vanish rather than split a word ("Rosa's" gives "rosas").
public enum ClientSlug {
    public static let maxLength = 80

    public static func make(_ name: String) -> String {
        var slug = ""
        var pendingDash = false
        for scalar in name.lowercased().unicodeScalars where scalar != "'" && scalar != "\u{2019}" {
            let character = Character(scalar)
            if scalar.isASCII && (character.isLetter || character.isNumber) {
                if pendingDash && !slug.isEmpty { slug.append("-") }
                slug.append(character)
                pendingDash = false
            } else {
                pendingDash = true
            }
            if slug.count >= maxLength { break }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        let reserved = Set(["con", "prn", "aux", "nul", "index", "summary"] + (1...9).flatMap { ["com\($0)", "lpt\($0)"] })
        if slug.isEmpty || reserved.contains(slug) { return "client" + (slug.isEmpty ? "" : "-\(slug)") }
        return slug
    }
}
