/// Escaping that keeps text as text in GitHub-flavoured Markdown, on UTF-8 bytes.
///
/// The rules live here; `MarkdownOutput` applies them as it writes. Every byte they act on is ASCII,
/// so multi-byte characters pass through untouched.
enum MarkdownEscaping {
    /// A line on its own, as the index page and the escaping tests write one.
    typealias Line = MarkdownOutput

    /// What a byte of text asks of the writer.
    enum ByteKind: UInt8 {
        /// Copied as it is: nearly every byte of a report.
        case plain
        /// A space; with `otherWhiteSpace` (tab, line feed, carriage return), runs of them are one space.
        /// `plain` and `space` come first: their raw values are what eight bytes copied at once may hold.
        case space
        case otherWhiteSpace
        /// Could start emphasis, code, links, raw HTML, entities, strikethrough or a table cell, or close
        /// a heading (a trailing `#`): ``\`*_[]<>|~&#``. A backslash goes before it.
        case escaped
        /// Any other control character: dropped, it carries nothing a reader should see.
        case control
        /// `.` ends `www` and `:` ends a scheme; GitHub links both without any brackets.
        case dot, colon
        /// `@` may be in an e-mail address; escaped otherwise.
        case at

        var isWhiteSpace: Bool { self == .space || self == .otherWhiteSpace }
    }

    /// `kind(of:)` of every byte value, so the writer's loop does one load per byte.
    static let byteKinds: [ByteKind] = (0...255).map { kind(of: UInt8($0)) }

    static func kind(of byte: UInt8) -> ByteKind {
        switch byte {
        case 0x20: return .space
        case 0x09, 0x0A, 0x0D: return .otherWhiteSpace
        case 0x5C, 0x60, 0x2A, 0x5F, 0x5B, 0x5D, 0x3C, 0x3E, 0x7C, 0x7E, 0x26, 0x23: return .escaped
        case 0x00..<0x20, 0x7F: return .control
        case UInt8(ascii: "."): return .dot
        case UInt8(ascii: ":"): return .colon
        case UInt8(ascii: "@"): return .at
        default: return .plain
        }
    }

    /// Whether a `.` after `line` would complete `www.`.
    static func endsWithWWW(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        line.endsIgnoringCase(at: line.count, with: "www")
    }

    /// Whether a `:` after `line` would complete a scheme GitHub links: `http:`, `https:` or `ftp:`.
    static func endsWithScheme(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        line.endsIgnoringCase(at: line.count, with: "http") || line.endsIgnoringCase(at: line.count, with: "https")
            || line.endsIgnoringCase(at: line.count, with: "ftp")
    }

    /// Something GitHub would link as an e-mail address: a character of the local part, '@', then a
    /// domain with a dot. GitHub links it after escapes are resolved, so such a word is written as a
    /// code span: same characters, no link. Checked loosely on purpose: a false positive only costs that.
    static func looksLikeEmail(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let at = word.firstIndex(of: UInt8(ascii: "@")), at > 0, at + 1 < word.count else { return false }
        return word[(at + 1)...].contains(UInt8(ascii: "."))
    }

    /// Where a backslash must go so that a finished line cannot open a heading, list item, thematic
    /// break or setext underline at the start of a block; nil when it needs none. (`#` is escaped
    /// within text already; the check stays as a second line of defence.)
    static func blockStartEscape(in line: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let first = line.first else { return nil }
        if first == UInt8(ascii: "#") || first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: "=") {
            return 0
        }
        let digits = line.prefix { (0x30...0x39).contains($0) }.count
        if digits > 0, digits < line.count, line[digits] == UInt8(ascii: ".") || line[digits] == UInt8(ascii: ")") {
            return digits
        }
        return nil
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Whether the bytes just before `end` are `suffix`, ignoring ASCII case (GitHub's autolinker ignores it too).
    func endsIgnoringCase(at end: Int, with suffix: StaticString) -> Bool {
        let count = suffix.utf8CodeUnitCount
        guard end >= count else { return false }
        return suffix.withUTF8Buffer { self[(end - count)..<end].elementsEqual($0) { $0 | 0x20 == $1 | 0x20 } }
    }
}
