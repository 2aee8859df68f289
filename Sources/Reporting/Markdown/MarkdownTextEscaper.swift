/// One pass over a text node's bytes, escaping them into output room reserved beforehand: at most
/// two bytes out for each byte in, and one pending space.
///
/// Plain bytes and single spaces between words are nearly all of a report, so the loop copies those
/// itself, eight at a time where it can, and hands every other byte to `special`. Works on raw
/// pointers so that nothing in the loop is checked twice or stored back to memory.
struct MarkdownTextEscaper {
    let text: UnsafeBufferPointer<UInt8>
    let kinds: UnsafeBufferPointer<MarkdownEscaping.ByteKind>
    let out: UnsafeMutablePointer<UInt8>
    /// Where the line starts in `out`: escapes look back no further, and white space before
    /// anything on the line is dropped.
    let lineStart: Int
    /// Where this pass started in `text` and in `out`: the bounds of the first word.
    let textStart: Int
    let outputStart: Int
    private(set) var index: Int
    private(set) var end: Int
    private(set) var pendingSpace: Bool

    init(
        _ text: UnsafeBufferPointer<UInt8>, from start: Int, kinds: UnsafeBufferPointer<MarkdownEscaping.ByteKind>,
        into out: UnsafeMutablePointer<UInt8>, at end: Int, lineStart: Int, pendingSpace: Bool
    ) {
        self.text = text
        self.kinds = kinds
        self.out = out
        self.lineStart = lineStart
        textStart = start
        outputStart = end
        index = start
        self.end = end
        self.pendingSpace = pendingSpace
    }

    /// Escapes to the end of the text, or stops at a word that looks like an e-mail address: takes back
    /// what it wrote of it and returns where it is in `text`.
    mutating func run() -> Range<Int>? {
        if pendingSpace {
            // The line has begun, so white space here is the same one space.
            while index < text.count, kinds[Int(text[index])].isWhiteSpace { index += 1 }
            guard index < text.count else { return nil }
            write(0x20)
            pendingSpace = false
        }
        // Wrapping arithmetic in the loop: neither position can come near overflowing, and the checks
        // would be a good part of the work per byte.
        while index < text.count {
            copyPlainBlocks()
            while index < text.count, kinds[Int(text[index])] == .plain {
                write(text[index])
                index &+= 1
            }
            guard index < text.count else { break }
            let byte = text[index]
            if byte == 0x20, end > lineStart, index &+ 1 < text.count, kinds[Int(text[index &+ 1])] == .plain {
                write(0x20)
                index &+= 1
            } else if let email = special(byte) {
                return email
            }
        }
        return nil
    }

    /// Copies eight bytes at a time while all eight go out as they are: plain bytes, and spaces that
    /// stand alone between words. One load and one store instead of eight of each.
    @inline(__always)
    private mutating func copyPlainBlocks() {
        guard let base = text.baseAddress else { return }
        while index &+ 8 <= text.count {
            var kindsFound: UInt8 = 0
            for offset in 0..<8 { kindsFound |= kinds[Int(base[index &+ offset])].rawValue }
            guard kindsFound <= MarkdownEscaping.ByteKind.space.rawValue else { return }
            // Read little-endian, so byte 0 of the word is the first of the text. A space may not be last
            // (what follows it is unknown), follow another, or come first on a line that is still empty.
            // A space first on a begun line is fine: the loop never stops inside a run of white space.
            let block = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
            let spaces = Self.zeroBytes(block ^ 0x2020_2020_2020_2020)
            let misplaced = spaces << 8 | 0x8000_0000_0000_0000 | (end > lineStart ? 0 : 0x80)
            guard spaces & misplaced == 0 else { return }
            UnsafeMutableRawPointer(out + end).storeBytes(of: block.littleEndian, as: UInt64.self)
            index &+= 8
            end &+= 8
        }
    }

    /// The high bit of each byte of `word` that is zero, and no other bit.
    @inline(__always)
    private static func zeroBytes(_ word: UInt64) -> UInt64 {
        let low7 = 0x7F7F_7F7F_7F7F_7F7F as UInt64
        return ~((word & low7) &+ low7 | word | low7)
    }

    @inline(__always)
    private mutating func write(_ byte: UInt8) {
        out[end] = byte
        end &+= 1
    }

    private mutating func special(_ byte: UInt8) -> Range<Int>? {
        index += 1
        switch kinds[Int(byte)] {
        case .plain:
            write(byte)
        case .space, .otherWhiteSpace:
            // A run of white space is one space, and only between things the line shows.
            while index < text.count, kinds[Int(text[index])].isWhiteSpace { index += 1 }
            guard end > lineStart else { break }
            if index < text.count { write(0x20) } else { pendingSpace = true }
        case .control:
            break
        case .escaped:
            write(UInt8(ascii: "\\"))
            write(byte)
        case .dot, .colon:
            let line = UnsafeBufferPointer(start: out + lineStart, count: end - lineStart)
            let link = byte == UInt8(ascii: ".") ? MarkdownEscaping.endsWithWWW(line) : MarkdownEscaping.endsWithScheme(line)
            if link { write(UInt8(ascii: "\\")) }
            write(byte)
        case .at:
            let word = wordAround(index - 1)
            if MarkdownEscaping.looksLikeEmail(UnsafeBufferPointer(rebasing: text[word])) {
                end = outputOfCurrentWord
                return word
            }
            write(UInt8(ascii: "\\"))
            write(byte)
        }
        return nil
    }

    /// The word of `text` that holds `position`, found only when needed, as it rarely is.
    private func wordAround(_ position: Int) -> Range<Int> {
        var start = position
        while start > textStart, !kinds[Int(text[start - 1])].isWhiteSpace { start -= 1 }
        var end = position
        while end < text.count, !kinds[Int(text[end])].isWhiteSpace { end += 1 }
        return start..<end
    }

    /// Where the word being written starts in `out`: after the last space written, since nothing
    /// else this pass writes is a space.
    private var outputOfCurrentWord: Int {
        var start = end
        while start > outputStart, out[start - 1] != 0x20 { start -= 1 }
        return start
    }
}
