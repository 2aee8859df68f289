/// File names from client names: lowercase ASCII letters and digits joined by '-', so no name can
/// reach outside its directory, collide with a reserved name, or grow without bound. Apostrophes
/// vanish rather than split a word ("Rosa's" gives "rosas").
public enum ClientSlug {
    public static let maxLength = 80

    /// Device names Windows reserves, and the names of the batch's own index files.
    static let reserved: Set<String> = Set(["con", "prn", "aux", "nul", "index", "summary"] + (1...9).flatMap { ["com\($0)", "lpt\($0)"] })

    public static func make(_ name: String) -> String {
        // Most names are ASCII, and a batch makes one slug per client: those take a byte loop. Any other name
        // is lowercased by Unicode's rules first, which can turn a non-ASCII letter into an ASCII one ("K" for
        // the Kelvin sign).
        let slug = name.utf8.allSatisfy { $0 < 0x80 } ? asciiSlug(name) : unicodeSlug(name)
        if slug.isEmpty || reserved.contains(slug) { return "client" + (slug.isEmpty ? "" : "-\(slug)") }
        return slug
    }

    static func asciiSlug(_ name: String) -> String {
        var slug: [UInt8] = []
        slug.reserveCapacity(min(name.utf8.count, maxLength + 1))
        var pendingDash = false
        for byte in name.utf8 where byte != UInt8(ascii: "'") {
            let lower = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
            if (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(lower) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(lower) {
                if pendingDash && !slug.isEmpty { slug.append(UInt8(ascii: "-")) }
                slug.append(lower)
                pendingDash = false
            } else {
                pendingDash = true
            }
            if slug.count >= maxLength { break }
        }
        return String(decoding: slug, as: UTF8.self)
    }

    static func unicodeSlug(_ name: String) -> String {
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
        return slug
    }
}
