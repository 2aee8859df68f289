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
        for (index, scalar) in value.unicodeScalars.enumerated() {
            let blank = scalar.properties.isWhitespace
            if !blank {
                while cursor < text.count && text[cursor].properties.isWhitespace { cursor += 1 }
            }
            if index == target { break }
            if !blank { cursor += 1 }
        }
        while cursor < text.count && text[cursor].properties.isWhitespace { cursor += 1 }
        return location(ofOffset: min(cursor, text.count), in: text)
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
