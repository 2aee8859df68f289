import RuleExpressions

/// Maps a position inside a scalar's value (an expression in a `when`) back to the file.
///
/// The value and its source differ only in quotes, indentation and line folding, so walking both
/// and pairing their non-blank characters finds the place without re-implementing YAML's rules.
enum ScalarLocator {
    static func location(of position: SourcePosition, in node: DocumentNode, source: SourceText) -> SourceLocation {
        guard let value = node.scalarText else { return node.location }
        let target = max(0, position.offset)
        let text = Array(source.text.unicodeScalars)
        guard var cursor = offset(of: node.location, in: text) else { return node.location }
        switch node.style {
        case .singleQuoted, .doubleQuoted: cursor += 1
        case .literal, .folded:
            while cursor < text.count && text[cursor] != "\n" { cursor += 1 }  // skip the `|` or `>` header
        case .plain: break
        }
        let isBlank: (Int) -> Bool = { $0 < text.count && text[$0].properties.isWhitespace }
        for (index, scalar) in value.unicodeScalars.enumerated() {
            if index == target { break }
            if scalar.properties.isWhitespace {
                if node.style == .doubleQuoted && cursor < text.count && text[cursor] == "\\" {
                    cursor += escapeWidth(at: cursor, in: text)
                } else {
                    while isBlank(cursor) { cursor += 1 }
                }
            } else {
                while isBlank(cursor) { cursor += 1 }
                cursor += sourceWidth(at: cursor, in: text, style: node.style)
            }
        }
        while cursor < text.count && text[cursor].properties.isWhitespace { cursor += 1 }
        return location(ofOffset: min(cursor, text.count), in: text)
    }

    /// How many source characters spell the next value character: 2 for a doubled quote or a short escape, 6 for `\u00e9`.
    private static func sourceWidth(at cursor: Int, in text: [Unicode.Scalar], style: DocumentNode.ScalarStyle) -> Int {
        guard cursor < text.count else { return 1 }
        switch style {
        case .singleQuoted where text[cursor] == "'" && cursor + 1 < text.count && text[cursor + 1] == "'":
            return 2
        case .doubleQuoted where text[cursor] == "\\":
            return escapeWidth(at: cursor, in: text)
        default:
            return 1
        }
    }

    private static func escapeWidth(at cursor: Int, in text: [Unicode.Scalar]) -> Int {
        guard cursor + 1 < text.count else { return 1 }
        switch text[cursor + 1] {
        case "x": return 4
        case "u": return 6
        case "U": return 10
        default: return 2
        }
    }

    private static func offset(of location: SourceLocation, in text: [Unicode.Scalar]) -> Int? {
        var line = 1
        var index = 0
        while line < location.line {
            guard let newline = text[index...].firstIndex(of: "\n") else { return nil }
            index = newline + 1
            line += 1
        }
        return index + location.column - 1
    }

    private static func location(ofOffset offset: Int, in text: [Unicode.Scalar]) -> SourceLocation {
        var line = 1
        var column = 1
        for scalar in text[..<offset] {
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return SourceLocation(line: line, column: column)
    }
}
