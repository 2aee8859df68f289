/// The Markdown being written: its bytes, and the line of inline content being built at their end.
///
/// A line is written in place, white space collapsed and escapes applied (`MarkdownEscaping`), so no
/// line has a buffer of its own: a line that turns out empty is taken back, and the backslash a block
/// start may need is put in once the line is finished.
struct MarkdownOutput: ~Copyable {
    private var buffer: MarkdownBytes
    /// Where the current line (or the inside of the current emphasis) starts.
    private var lineStart = 0
    /// A space between words that goes out only if more of the line follows.
    private var pendingSpace = false

    init(capacity: Int = 64) {
        buffer = MarkdownBytes(capacity: capacity)
    }

    var bytes: [UInt8] { buffer.array }
    var count: Int { buffer.count }
    var isEmpty: Bool { buffer.isEmpty }
    var lineIsEmpty: Bool { buffer.count == lineStart }

    mutating func append(_ byte: UInt8) { buffer.append(byte) }
    mutating func append(_ byte: UInt8, count: Int) { buffer.append(byte, count: count) }
    mutating func append(_ literal: StaticString) { buffer.append(literal) }
    mutating func append(decimal value: Int) { buffer.append(decimal: value) }
    /// Bytes written already, such as a fragment's Markdown.
    mutating func append(written bytes: UnsafeBufferPointer<UInt8>) { buffer.append(bytes) }

    /// Takes back everything from `position` on, such as a block whose content turned out empty.
    mutating func removeAll(from position: Int) {
        buffer.removeAll(from: position)
        lineStart = min(lineStart, position)
    }

    /// Starts a line of inline content at the end of what is written.
    mutating func beginLine() {
        lineStart = buffer.count
        pendingSpace = false
    }

    /// Ends the line; at the start of a block, escapes what would open a heading, list item, quote,
    /// thematic break or setext underline.
    mutating func finishLine(escapingStart: Bool) {
        pendingSpace = false
        guard escapingStart, let offset = MarkdownEscaping.blockStartEscape(in: buffer.suffix(from: lineStart)) else { return }
        buffer.insert(UInt8(ascii: "\\"), at: lineStart + offset)
    }

    /// A line break: one space, if anything precedes it on the line.
    mutating func space() {
        if !lineIsEmpty { pendingSpace = true }
    }

    /// Writes a line built on its own (`MarkdownEscaping.Line`) into `out`, as `finishLine` would.
    func finishBlock(into out: inout [UInt8], escapeStart: Bool) {
        let line = buffer.suffix(from: 0)
        guard escapeStart, let offset = MarkdownEscaping.blockStartEscape(in: line) else {
            out.append(contentsOf: line)
            return
        }
        out.append(contentsOf: line[..<offset])
        out.append(UInt8(ascii: "\\"))
        out.append(contentsOf: line[offset...])
    }

    // MARK: Emphasis

    /// What `closeEmphasis` needs to finish an emphasis or take it back.
    struct OpenEmphasis {
        fileprivate let start: Int
        fileprivate let outerLineStart: Int
        fileprivate let outerPendingSpace: Bool
        fileprivate let marker: StaticString
    }

    /// Writes the opening marker (after the pending space) and starts the inside as a line of its own:
    /// escapes inside look back no further than the marker.
    mutating func openEmphasis(_ marker: StaticString) -> OpenEmphasis {
        let open = OpenEmphasis(start: buffer.count, outerLineStart: lineStart, outerPendingSpace: pendingSpace, marker: marker)
        if pendingSpace { buffer.append(0x20) }
        buffer.append(marker)
        beginLine()
        return open
    }

    /// Writes the closing marker; an empty emphasis is taken back whole, its space still pending.
    /// A space pending inside goes out after the marker.
    mutating func closeEmphasis(_ open: OpenEmphasis) {
        if lineIsEmpty {
            buffer.removeAll(from: open.start)
            pendingSpace = open.outerPendingSpace
        } else {
            buffer.append(open.marker)
        }
        lineStart = open.outerLineStart
    }
}

extension MarkdownOutput {
    /// Appends a text node's bytes, escaped, to the line.
    ///
    /// `https://` and `www.` are broken with a backslash, since GitHub turns them into links without any
    /// brackets. An e-mail address cannot be broken that way, so it becomes a code span.
    mutating func append(escaping text: UnsafeBufferPointer<UInt8>) {
        var start = 0
        while let email = appendWords(of: text, from: start) {
            appendCodeSpan(UnsafeBufferPointer(rebasing: text[email]))
            start = email.upperBound
        }
    }

    /// Writes the words of `text` from `start` (see `MarkdownTextEscaper`); returns where an e-mail
    /// address stopped it.
    private mutating func appendWords(of text: UnsafeBufferPointer<UInt8>, from start: Int) -> Range<Int>? {
        let lineStart = self.lineStart
        var pendingSpace = self.pendingSpace
        defer { self.pendingSpace = pendingSpace }
        return MarkdownEscaping.byteKinds.withUnsafeBufferPointer { kinds in
            buffer.writing(atMost: 2 * (text.count - start) + 1) { out, count in
                var escaper = MarkdownTextEscaper(
                    text, from: start, kinds: kinds, into: out, at: count, lineStart: lineStart, pendingSpace: pendingSpace)
                let email = escaper.run()
                count = escaper.end
                pendingSpace = escaper.pendingSpace
                return email
            }
        }
    }

    /// A code span fenced with one backtick more than the longest run inside it.
    private mutating func appendCodeSpan(_ word: UnsafeBufferPointer<UInt8>) {
        var longest = 0
        var run = 0
        for byte in word {
            run = byte == UInt8(ascii: "`") ? run + 1 : 0
            longest = max(longest, run)
        }
        let padded = word.first == UInt8(ascii: "`") || word.last == UInt8(ascii: "`")
        buffer.append(UInt8(ascii: "`"), count: longest + 1)
        if padded { buffer.append(0x20) }
        for byte in word where byte >= 0x20 && byte != 0x7F { buffer.append(byte) }
        if padded { buffer.append(0x20) }
        buffer.append(UInt8(ascii: "`"), count: longest + 1)
    }
}
