/// Escaping that keeps text as text in GitHub-flavoured Markdown.
enum MarkdownEscaping {
    /// Characters that could start emphasis, code, links, raw HTML, entities, strikethrough or a table cell.
    private static let alwaysEscaped: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "&", "@"]

    /// Escapes one text node. Autolink shapes (`https://`, `www.`) are broken with a backslash too,
    /// since GitHub turns them into links without any brackets.
    static func text(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var previous: [Character] = []
        for character in text {
            if character.isNewline || character == "\t" {
                out.append(" ")
            } else if alwaysEscaped.contains(character) {
                out.append("\\")
                out.append(character)
            } else if character == ":" && previous.suffix(4).elementsEqual("http") || character == ":" && previous.suffix(5).elementsEqual("https") {
                out.append("\\:")
            } else if character == "." && String(previous.suffix(3)).lowercased() == "www" {
                out.append("\\.")
            } else if character.unicodeScalars.allSatisfy({ $0.value < 0x20 || $0.value == 0x7F }) {
                continue
            } else {
                out.append(character)
            }
            previous.append(character)
            if previous.count > 8 { previous.removeFirst() }
        }
        return out
    }

    /// Escapes what would start a block at the beginning of a line: a heading, a list item, a quote,
    /// a thematic break, a setext underline or an indented code block.
    static func blockStart(_ line: String) -> String {
        var text = Substring(line)
        while text.first == " " { text = text.dropFirst() }
        guard let first = text.first else { return "" }
        if "#-+=".contains(first) { return "\\" + text }
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, let next = text.dropFirst(digits.count).first, next == "." || next == ")" {
            return digits + "\\" + text.dropFirst(digits.count)
        }
        return String(text)
    }

    static func collapseSpaces(_ text: String) -> String {
        var out = ""
        var lastWasSpace = true
        for character in text {
            if character == " " {
                if !lastWasSpace { out.append(" ") }
                lastWasSpace = true
            } else {
                out.append(character)
                lastWasSpace = false
            }
        }
        return out.last == " " ? String(out.dropLast()) : out
    }
}
