import RuleExpressions

/// A blank questionnaire for a rubric: every question present, unanswered, with its prompt and
/// allowed answers as comments, ready to hand to a client.
public enum QuestionnaireTemplate {
    public static func blank(for rubric: Rubric, clientName: String?, today: String?) -> String {
        var out: [String] = [
            "# Questionnaire for the rubric '\(rubric.id)' (version \(rubric.version)): \(oneLine(rubric.title))",
            "# Answer after each colon; leave a question empty (null) when you cannot answer it.",
            "rubric: \(rubric.id)",
            "client:",
            "  name: \(clientName.map(quoted) ?? "\"\"")",
            "  owner:",
            "  email:",
            "  industry:",
            "  employees:",
            "assessed_on: \(today.map(quoted) ?? "")",
            "assessor:",
            "answers:",
        ]
        for criterion in rubric.criteria {
            out.append("")
            out.append("  # ── \(oneLine(criterion.title)) ──")
            for question in rubric.questions where question.criterion == criterion.id {
                out.append(contentsOf: comment(for: question).map { "  # \($0)" })
                out.append("  \(question.id):")
            }
        }
        out.append("")
        out.append("notes: |")
        out.append("  ")
        return out.joined(separator: "\n") + "\n"
    }

    private static func comment(for question: Question) -> [String] {
        var lines = [oneLine(question.prompt) + (question.required ? " (required)" : "")]
        if let help = question.help { lines.append(oneLine(help)) }
        switch question.kind {
        case .scale(let min, let max, let labels):
            let named = labels.sorted { $0.key < $1.key }.map { "\($0.key) = \(oneLine($0.value))" }
            lines.append("A whole number from \(min) to \(max)" + (named.isEmpty ? "." : ": " + named.joined(separator: ", ")))
        case .boolean:
            lines.append("true or false.")
        case .number(let unit, let min, let max, _, _):
            let bounds = [min.map { "at least \(NumberText.format($0))" }, max.map { "at most \(NumberText.format($0))" }]
                .compactMap { $0 }.joined(separator: ", ")
            lines.append("A number" + (unit.map { " of \($0)" } ?? "") + (bounds.isEmpty ? "." : " (\(bounds))."))
        case .choice(let choices):
            lines.append("One of: " + choices.map { "\($0.value) (\(oneLine($0.label)))" }.joined(separator: ", "))
        case .multiChoice(let choices):
            lines.append("A list, such as [\(choices.prefix(2).map(\.value).joined(separator: ", "))], of: "
                + choices.map { "\($0.value) (\(oneLine($0.label)))" }.joined(separator: ", "))
        case .text:
            lines.append("Free text.")
        }
        return lines
    }

    /// Comments are one line each: folds line breaks so text from a rubric cannot end a comment early.
    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { String($0).trimmingWhitespace() }.joined(separator: " ")
    }

    /// A YAML double-quoted string, so any client name stays one scalar. A JSON string literal is one.
    static func quoted(_ text: String) -> String {
        Value.string(text).jsonText
    }
}
