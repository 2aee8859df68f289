import Assessment

/// The terminal form of an assessment: verdict, a bar per criterion, the reasons, flags and gaps.
enum TextSummary {
    static func render(_ assessment: Assessment, style: TerminalStyle) -> String {
        var out: [String] = []
        let overall = assessment.overall.map { "overall \(NumberText.format($0))/100" } ?? "no score"
        let verdict = style.paint(assessment.verdict.phrase.uppercased(), colour(for: assessment.verdict), bold: true)
        out.append("\(Sanitized.line(assessment.client.name)): \(verdict) (\(overall), rubric \(assessment.rubric.id) \(assessment.rubric.version))")
        out.append(Sanitized.line(assessment.summary))
        out.append("")
        let width = assessment.criteria.map(\.title.count).max() ?? 0
        for criterion in assessment.criteria {
            let title = criterion.title.padding(to: width)
            if let score = criterion.score {
                let filled = Int((score / 5).rounded())
                let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: 20 - filled)
                let number = NumberText.format(score)
                out.append("  \(title)  \(style.paint(bar, .blue))  \(String(repeating: " ", count: max(0, 5 - number.count)))\(number)  \(criterion.band ?? "")")
            } else {
                out.append("  \(title)  \(String(repeating: "·", count: 20))    -  not answered")
            }
        }
        let fired = assessment.rules.filter(\.fired)
        if !fired.isEmpty {
            out.append("")
            out.append(style.paint("Why", .plain, bold: true))
            for rule in fired {
                out.append("  • \(Sanitized.line(rule.explanation ?? rule.id)) [\(rule.id)]")
            }
        }
        if !assessment.flags.isEmpty {
            out.append("")
            out.append(style.paint("Flags", .plain, bold: true))
            for flag in assessment.flags {
                out.append("  \(style.paint("!", flag.level == "info" ? .blue : .yellow, bold: true)) \(flag.level): \(flag.message)")
            }
        }
        if !assessment.actions.isEmpty {
            out.append("")
            out.append(style.paint("Next steps", .plain, bold: true))
            for (index, action) in assessment.actions.prefix(5).enumerated() { out.append("  \(index + 1). \(action)") }
        }
        out.append("")
        let coverage = Int((assessment.coverage * 100).rounded())
        out.append("Coverage: \(coverage)% of the question weight answered (the rubric needs \(Int((assessment.minimumCoverage * 100).rounded()))%).")
        if !assessment.missing.isEmpty {
            out.append("Unanswered (\(assessment.missing.count)): \(assessment.missing.map(\.id).joined(separator: ", "))")
        }
        return out.joined(separator: "\n") + "\n"
    }

    private static func colour(for verdict: Verdict) -> TerminalStyle.Colour {
        switch verdict {
        case .keepInHouse: return .green
        case .hybrid: return .yellow
        case .outsource: return .blue
        case .inconclusive: return .grey
        }
    }
}

extension String {
    func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}

/// Text that came from a file reaches the terminal without escape sequences: ESC and other controls are dropped.
enum Sanitized {
    static func line(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter {
            $0 == "\u{1B}" ? false : !($0.value < 0x20 && $0 != "\t") && $0.value != 0x7F
        }))
    }
}
