import Assessment

/// The one place where problems are formatted for the terminal, compiler style:
///
///     error: unknown key 'wieght' in a criterion; did you mean 'weight'?
///       --> Rubrics/social-media.yaml:12:5
///        |
///     12 |     wieght: 3
///        |     ^
enum DiagnosticRenderer {
    static func render(_ diagnostics: [Diagnostic], style: TerminalStyle) -> String {
        diagnostics.map { render($0, style: style) }.joined(separator: "\n")
    }

    static func render(_ diagnostic: Diagnostic, style: TerminalStyle) -> String {
        let label = style.paint(diagnostic.severity.rawValue, diagnostic.severity == .error ? .red : .yellow, bold: true)
        // Messages quote file content (a key, an address), so they pass through `visible` like the source line.
        var lines = ["\(label)\(style.paint(": \(visible(diagnostic.message))", .plain, bold: true))"]
        let path = visible(diagnostic.path)
        guard let location = diagnostic.location else {
            lines.append("  --> \(path)")
            return lines.joined(separator: "\n") + "\n"
        }
        lines.append("  --> \(path):\(location.line):\(location.column)")
        if let source = diagnostic.sourceLine {
            let number = String(location.line)
            let gutter = String(repeating: " ", count: number.count)
            let shown = visible(source)
            let caretOffset = visible(String(source.unicodeScalars.prefix(max(0, location.column - 1)))).count
            lines.append("\(gutter) |")
            lines.append("\(number) | \(shown)")
            lines.append("\(gutter) | \(String(repeating: " ", count: caretOffset))\(style.paint("^", .red, bold: true))")
        }
        if let note = diagnostic.note { lines.append("  = note: \(visible(note))") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Control characters and tabs shown as visible text, so a hostile line cannot move the cursor or recolour the terminal.
    private static func visible(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09: out += " "
            case 0..<0x20, 0x7F, 0x80..<0xA0: out += "\\u{\(String(scalar.value, radix: 16))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
