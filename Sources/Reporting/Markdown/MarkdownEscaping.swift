/// Escaping that keeps text as text in GitHub-flavoured Markdown, on UTF-8 bytes.
enum MarkdownEscaping {
    /// Bytes that could start emphasis, code, links, raw HTML, entities, strikethrough, a table cell
    /// or an e-mail autolink. All ASCII, so multi-byte characters pass through untouched.
    private static let escaped: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for character in "\\`*_[]<>|~&@".utf8 { table[Int(character)] = true }
        return table
    }()

    /// One line of inline Markdown being built: spaces collapsed, escapes applied.
    struct Line {
        private(set) var bytes: [UInt8] = []
        private var pendingSpace = false

        var isEmpty: Bool { bytes.isEmpty }

        mutating func space() {
            if !bytes.isEmpty { pendingSpace = true }
        }

        /// Appends a text node, escaped. `https://` and `www.` are broken with a backslash, since GitHub
        /// turns them into links without any brackets.
        mutating func text(of node: HTMLDocument.Node, in document: HTMLDocument) {
            document.withTextBytes(of: node) { append(escaping: $0) }
        }

        mutating func append(escaping text: UnsafeBufferPointer<UInt8>) {
            for byte in text {
                switch byte {
                case 0x20, 0x0A, 0x0D, 0x09:
                    space()
                    continue
                case 0..<0x20, 0x7F:
                    continue  // control characters carry nothing a reader should see
                default:
                    break
                }
                if pendingSpace {
                    bytes.append(0x20)
                    pendingSpace = false
                }
                if escaped[Int(byte)] || (byte == UInt8(ascii: ":") && endsWithScheme) || (byte == UInt8(ascii: ".") && endsWithWWW) {
                    bytes.append(UInt8(ascii: "\\"))
                }
                bytes.append(byte)
            }
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
        private var endsWithWWW: Bool { ends(with: "www") || ends(with: "WWW") }

        private func ends(with word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard bytes.count >= count else { return false }
            return word.withUTF8Buffer { bytes[(bytes.count - count)...].elementsEqual($0) }
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
