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
        guard let base = UnsafeRawPointer(bytes.baseAddress) else { return findings }
        let count = bytes.count
        guard count >= 8 else {
            for index in 0..<count { note(byteAt: index, in: bytes, into: &findings) }
            return findings
        }
        // Sixteen bytes at a time, as two words (the last sixteen overlap the ones before when the
        // count is not a multiple of sixteen; eight to fifteen bytes are two overlapping words). A
        // chunk with no byte of interest is skipped, as almost every chunk of report text is; only
        // the others are looked at byte by byte.
        var offset = 0
        while offset < count {
            let chunk: Range<Int>
            let words: SIMD2<UInt64>
            if count >= 16 {
                chunk = min(offset, count - 16)..<(min(offset, count - 16) + 16)
                words = base.loadUnaligned(fromByteOffset: chunk.lowerBound, as: SIMD2<UInt64>.self)
            } else {
                chunk = 0..<count
                words = SIMD2(base.loadUnaligned(as: UInt64.self), base.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
            }
            if holdsEither(words) {
                for index in chunk { note(byteAt: index, in: bytes, into: &findings) }
                if findings.forbidden && findings.markup { return findings }
            }
            offset = chunk.upperBound
        }
        return findings
    }

    /// Whether any byte of `words` is below 0x20 or one of 0x7F, 0xC2, `<`, `>`, `&`. Exact: in each
    /// term some high bit is set if and only if some byte matches (`(x - 1) & ~x` has a high bit set
    /// when a byte of `x` is zero, and none when no byte is). Two words at once, in one vector register.
    @inline(__always)
    private static func holdsEither(_ words: SIMD2<UInt64>) -> Bool {
        let ones = SIMD2<UInt64>(repeating: 0x0101_0101_0101_0101)
        func zeroBytes(_ x: SIMD2<UInt64>) -> SIMD2<UInt64> { (x &- ones) & ~x }
        let below20 = (words &- ones &* 0x20) & ~words
        let angle = zeroBytes((words | ones &* 0x02) ^ (ones &* 0x3E))  // `<` (0x3C) or `>` (0x3E)
        let ampersand = zeroBytes(words ^ (ones &* 0x26))
        let delete = zeroBytes(words ^ (ones &* 0x7F))
        let c1Lead = zeroBytes(words ^ (ones &* 0xC2))
        let found = (below20 | angle | ampersand | delete | c1Lead) & SIMD2(repeating: 0x8080_8080_8080_8080)
        return found[0] | found[1] != 0
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
