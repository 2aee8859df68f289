/// One pass over a text node's bytes, escaping them into output room reserved beforehand: at most
/// two bytes out for each byte in, and one pending space.
///
/// Plain bytes and single spaces between words are nearly all of a report, so the loop copies those
/// itself and hands every other byte to `special`. Works on raw pointers so that nothing in the loop
/// is checked twice or stored back to memory.
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
            while index < text.count, kinds[Int(text[index])] == .space { index += 1 }
            guard index < text.count else { return nil }
            write(0x20)
            pendingSpace = false
        }
        // Wrapping arithmetic in the loop: neither position can come near overflowing, and the checks
        // would be a good part of the work per byte.
        while index < text.count {
            let byte = text[index]
            if kinds[Int(byte)] == .plain {
                write(byte)
                index &+= 1
            } else if byte == 0x20, end > lineStart, index &+ 1 < text.count, kinds[Int(text[index &+ 1])] == .plain {
                write(0x20)
                index &+= 1
            } else if let email = special(byte) {
                return email
            }
        }
        return nil
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
        case .space:
            // A run of white space is one space, and only between things the line shows.
            while index < text.count, kinds[Int(text[index])] == .space { index += 1 }
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
        while start > textStart, kinds[Int(text[start - 1])] != .space { start -= 1 }
        var end = position
        while end < text.count, kinds[Int(text[end])] != .space { end += 1 }
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
