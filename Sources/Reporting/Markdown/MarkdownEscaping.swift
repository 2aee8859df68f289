/// Escaping that keeps text as text in GitHub-flavoured Markdown, on UTF-8 bytes.
enum MarkdownEscaping {
    /// Bytes that could start emphasis, code, links, raw HTML, entities, strikethrough or a table cell,
    /// or close a heading (a trailing `#`): ``\`*_[]<>|~&@#``. All ASCII, so multi-byte characters pass
    /// through untouched. A switch rather than a table, so the per-byte check touches no global.
    @inline(__always)
    static func isEscaped(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x5C, 0x60, 0x2A, 0x5F, 0x5B, 0x5D, 0x3C, 0x3E, 0x7C, 0x7E, 0x26, 0x40, 0x23: return true
        default: return false
        }
    }

    /// Whether `word` goes out unchanged: no control character, nothing to escape, and no `.` or `:`
    /// that could end `www` or a scheme (checked within the word, so a word starting with one is not plain).
    static func isPlain(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        for position in word.indices {
            let byte = word[position]
            if byte < 0x20 || byte == 0x7F || isEscaped(byte) { return false }
            if byte == UInt8(ascii: ".") {
                if position < 3 || word.endsIgnoringCase(at: position, with: "www") { return false }
            } else if byte == UInt8(ascii: ":") {
                if position < 5 || word.endsIgnoringCase(at: position, with: "http") || word.endsIgnoringCase(at: position, with: "https")
                    || word.endsIgnoringCase(at: position, with: "ftp") {
                    return false
                }
            }
        }
        return true
    }

    /// Something GitHub would link as an e-mail address: a character of the local part, '@', then a
    /// domain with a dot. Checked loosely on purpose: a false positive only costs a code span.
    static func looksLikeEmail(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let at = word.firstIndex(of: UInt8(ascii: "@")), at > 0, at + 1 < word.count else { return false }
        return word[(at + 1)...].contains(UInt8(ascii: "."))
    }

    /// One line of inline Markdown being built: spaces collapsed, escapes applied.
    struct Line {
        private(set) var bytes: [UInt8] = []
        private var pendingSpace = false

        var isEmpty: Bool { bytes.isEmpty }

        mutating func space() {
            if !bytes.isEmpty { pendingSpace = true }
        }

        /// Appends a text node, escaped. `https://` and `www.` are broken with a backslash, since GitHub
        /// turns them into links without any brackets. An e-mail address cannot be broken that way (GitHub
        /// links it after escapes are resolved), so it becomes a code span: same characters, no link.
        mutating func text(of node: HTMLDocument.Node, in document: HTMLDocument) {
            document.withTextBytes(of: node) { append(escaping: $0) }
        }

        mutating func append(escaping text: UnsafeBufferPointer<UInt8>) {
            // Words that need no escape, separated by single spaces, go out exactly as they came in:
            // they are gathered as one slice of `text` and appended at once.
            var run: Range<Int>?
            var wordStart = 0
            for index in 0...text.count {
                let byte = index < text.count ? text[index] : 0x20
                guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { continue }
                if wordStart < index {
                    let word = UnsafeBufferPointer(rebasing: text[wordStart..<index])
                    if MarkdownEscaping.isPlain(word) {
                        if let current = run, pendingSpace, current.upperBound + 1 == wordStart, text[current.upperBound] == 0x20 {
                            run = current.lowerBound..<index
                            pendingSpace = false
                        } else {
                            flush(&run, of: text)
                            if pendingSpace {
                                bytes.append(0x20)
                                pendingSpace = false
                            }
                            run = wordStart..<index
                        }
                    } else {
                        flush(&run, of: text)
                        self.word(word)
                    }
                }
                if index < text.count, !bytes.isEmpty || run != nil { pendingSpace = true }
                wordStart = index + 1
            }
            flush(&run, of: text)
        }

        private mutating func flush(_ run: inout Range<Int>?, of text: UnsafeBufferPointer<UInt8>) {
            guard let range = run else { return }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[range]))
            run = nil
        }

        private mutating func word(_ word: UnsafeBufferPointer<UInt8>) {
            if pendingSpace {
                bytes.append(0x20)
                pendingSpace = false
            }
            if MarkdownEscaping.looksLikeEmail(word) {
                codeSpan(word)
                return
            }
            // Runs of bytes that need nothing are copied at once; only the others are looked at one by one.
            var runStart = 0
            for index in 0..<word.count {
                let byte = word[index]
                let special = byte < 0x20 || byte == 0x7F || MarkdownEscaping.isEscaped(byte)
                    || byte == UInt8(ascii: ":") || byte == UInt8(ascii: ".")
                guard special else { continue }
                if runStart < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: word[runStart..<index])) }
                runStart = index + 1
                if byte < 0x20 || byte == 0x7F { continue }  // control characters carry nothing a reader should see
                if MarkdownEscaping.isEscaped(byte) || (byte == UInt8(ascii: ":") && endsWithScheme) || (byte == UInt8(ascii: ".") && endsWithWWW) {
                    bytes.append(UInt8(ascii: "\\"))
                }
                bytes.append(byte)
            }
            if runStart < word.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: word[runStart...])) }
        }

        /// A code span fenced with one backtick more than the longest run inside it.
        private mutating func codeSpan(_ word: UnsafeBufferPointer<UInt8>) {
            var longest = 0
            var run = 0
            for byte in word {
                run = byte == UInt8(ascii: "`") ? run + 1 : 0
                longest = max(longest, run)
            }
            let fence = [UInt8](repeating: UInt8(ascii: "`"), count: longest + 1)
            let padded = word.first == UInt8(ascii: "`") || word.last == UInt8(ascii: "`")
            bytes.append(contentsOf: fence)
            if padded { bytes.append(0x20) }
            bytes.append(contentsOf: word.filter { $0 >= 0x20 && $0 != 0x7F })
            if padded { bytes.append(0x20) }
            bytes.append(contentsOf: fence)
        }

        mutating func emphasis(_ inner: Line, marker: String) {
            guard !inner.isEmpty else { return }
            if pendingSpace {
                bytes.append(0x20)
                pendingSpace = false
            }
            bytes.append(contentsOf: marker.utf8)
            bytes.append(contentsOf: inner.bytes)
            bytes.append(contentsOf: marker.utf8)
            if inner.pendingSpace { pendingSpace = true }
        }

        private var endsWithScheme: Bool { ends(with: "http") || ends(with: "https") || ends(with: "ftp") }
        private var endsWithWWW: Bool { ends(with: "www") }

        /// Whether the line ends with `word`, ignoring ASCII case (GitHub's autolinker ignores it too).
        private func ends(with word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard bytes.count >= count else { return false }
            return word.withUTF8Buffer { bytes[(bytes.count - count)...].elementsEqual($0) { $0 | 0x20 == $1 | 0x20 } }
        }

        /// Writes the line; at the start of a block, escapes what would open a heading, list item,
        /// quote, thematic break or setext underline.
        func finishBlock(into out: inout [UInt8], escapeStart: Bool) {
            guard escapeStart, let first = bytes.first else {
                out.append(contentsOf: bytes)
                return
            }
            if first == UInt8(ascii: "#") || first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: "=") {
                out.append(UInt8(ascii: "\\"))
                out.append(contentsOf: bytes)
                return
            }
            let digits = bytes.prefix { (0x30...0x39).contains($0) }.count
            if digits > 0, digits < bytes.count, bytes[digits] == UInt8(ascii: ".") || bytes[digits] == UInt8(ascii: ")") {
                out.append(contentsOf: bytes[..<digits])
                out.append(UInt8(ascii: "\\"))
                out.append(contentsOf: bytes[digits...])
                return
            }
            out.append(contentsOf: bytes)
        }
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Whether the bytes just before `end` are `suffix`, ignoring ASCII case.
    func endsIgnoringCase(at end: Int, with suffix: StaticString) -> Bool {
        let count = suffix.utf8CodeUnitCount
        guard end >= count else { return false }
        return suffix.withUTF8Buffer { self[(end - count)..<end].elementsEqual($0) { $0 | 0x20 == $1 | 0x20 } }
    }
}
