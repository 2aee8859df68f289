/// Text as HTML allows it: control characters (C0 but tab and line ends, DEL, C1) are forbidden
/// code points in an HTML document, and U+009B could drive a terminal; they are dropped.
enum HTMLText {
    static func clean(_ text: String) -> String {
        guard needsCleaning(text) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.filter { !isForbidden($0) }))
    }

    static func needsCleaning(_ text: String) -> Bool {
        scan(text).forbidden
    }

    /// What one pass over a string's UTF-8 finds.
    struct Findings {
        /// A code point HTML forbids (`clean` drops it).
        var forbidden = false
        /// `<`, `>` or `&`: the only bytes libxml2's HTML serializer changes in the text of a clean,
        /// UTF-8 document (it copies every other byte as it is).
        var markup = false
    }

    /// One pass over the UTF-8 bytes, no allocation.
    static func scan(_ text: String) -> Findings {
        text.utf8.withContiguousStorageIfAvailable(scan) ?? Array(text.utf8).withUnsafeBufferPointer(scan)
    }

    /// C1 controls are the only forbidden scalars that are not ASCII, and their UTF-8 is `C2 80`...`C2 9F`.
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Findings {
        var findings = Findings()
        guard let base = bytes.baseAddress else { return findings }
        let count = bytes.count
        var index = 0
        // Eight bytes at a time: a word with no byte below 0x20 and none of 0x7F, 0xC2, `<`, `>`, `&`
        // holds nothing of either kind, and almost every word of report text is such a word. Only the
        // others are looked at byte by byte.
        while index + 8 <= count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            if holdsEither(word) {
                for position in index..<(index + 8) { note(byteAt: position, in: bytes, into: &findings) }
                if findings.forbidden && findings.markup { return findings }
            }
            index += 8
        }
        while index < count {
            note(byteAt: index, in: bytes, into: &findings)
            index += 1
        }
        return findings
    }

    /// Whether any byte of `word` is below 0x20 or one of 0x7F, 0xC2, `<`, `>`, `&`. Exact: in each
    /// term some high bit is set if and only if some byte matches (`(x - 1) & ~x` has a high bit set
    /// when a byte of `x` is zero, and none when no byte is).
    @inline(__always)
    private static func holdsEither(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        func zeroBytes(_ x: UInt64) -> UInt64 { (x &- ones) & ~x }
        let below20 = (word &- ones &* 0x20) & ~word
        let angle = zeroBytes((word | ones &* 0x02) ^ (ones &* 0x3E))  // `<` (0x3C) or `>` (0x3E)
        let ampersand = zeroBytes(word ^ (ones &* 0x26))
        let delete = zeroBytes(word ^ (ones &* 0x7F))
        let c1Lead = zeroBytes(word ^ (ones &* 0xC2))
        return (below20 | angle | ampersand | delete | c1Lead) & 0x8080_8080_8080_8080 != 0
    }

    @inline(__always)
    private static func note(byteAt index: Int, in bytes: UnsafeBufferPointer<UInt8>, into findings: inout Findings) {
        let byte = bytes[index]
        switch byte {
        case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"): findings.markup = true
        case 0x09, 0x0A, 0x0D: break
        case 0..<0x20, 0x7F: findings.forbidden = true
        case 0xC2: if index + 1 < bytes.count && bytes[index + 1] < 0xA0 { findings.forbidden = true }
        default: break
        }
    }

    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return false
        case 0..<0x20, 0x7F...0x9F: return true
        default: return false
        }
    }
}
