import Assessment

/// Hands out the report file names of a batch, in input order: the client's slug, and for the second client with
/// the same slug `-2`, then `-3`… A name is only ever letters, digits and '-' (see `ClientSlug`), so it cannot
/// leave the output directory, and `index`, `summary` and device names are never given out.
public struct OutputNames: Sendable {
    private var used: Set<String> = []
    /// Where the search for a free suffix resumes for each stem, so many clients of one name stay cheap.
    private var nextSuffix: [String: Int] = [:]

    public init() {}

    /// The next free name for `client`.
    public mutating func allocate(for client: String) -> String {
        let base = ClientSlug.make(client)
        let stem = isSafe(base) ? base : "client"
        if used.insert(stem).inserted { return stem }
        var suffix = nextSuffix[stem] ?? 2
        while !used.insert("\(stem)-\(suffix)").inserted { suffix += 1 }
        nextSuffix[stem] = suffix + 1
        return "\(stem)-\(suffix)"
    }

    /// A second line of defence should `ClientSlug` ever change: one path component, nothing hidden or special.
    /// Checked on bytes: only ASCII letters, digits and "-" pass, so never a dot, a slash or a multi-byte character.
    private func isSafe(_ name: String) -> Bool {
        let bytes = name.utf8
        guard let first = bytes.first, bytes.count <= 200, first != UInt8(ascii: "-") else { return false }
        return bytes.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"):
                return true
            default:
                return false
            }
        }
    }
}
