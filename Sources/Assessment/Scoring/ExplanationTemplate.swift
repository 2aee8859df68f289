import RuleExpressions

/// A rule's explanation split once into text and `{name}` placeholders, so that filling it in for a questionnaire
/// is a concatenation instead of a search-and-replace per placeholder.
///
/// The result is always what `RuleOutcome.fillPlaceholders` gives (each placeholder's name replaced in turn,
/// wherever it occurs, comparing characters). The two agree whenever every brace is a character of its own and
/// no filled-in value brings a brace: then each `{` is where a placeholder starts, and replacing the names in turn
/// replaces each placeholder by its value. The template checks that (the text when it is built: the scalars
/// either side of a brace are ASCII; each value as it is filled in: no brace, and ASCII at an end that touches
/// another placeholder, since only an ASCII scalar is sure never to join a brace into one character) and
/// otherwise fills in the general way.
struct ExplanationTemplate: Sendable {
    struct Placeholder: Sendable {
        var variable: String
        var field: String?
        /// The question `answers.<field>` names, when it does.
        var questionIndex: Int?
        var slot: Int?
        /// Whether the piece before or after is another placeholder, whose brace the value would touch.
        var touchesPlaceholderBefore = false
        var touchesPlaceholderAfter = false
    }

    enum Piece: Sendable {
        case text(String)
        case placeholder(Placeholder)
    }

    /// The explanation as the rubric writes it.
    let source: String
    /// nil when the text itself is outside what the concatenation handles.
    let pieces: [Piece]?

    init(_ source: String, questionIndex: [String: Int], environment: Environment) {
        self.source = source
        self.pieces = ExplanationTemplate.split(source, questionIndex: questionIndex, environment: environment)
    }

    /// Fills in the placeholders from the values a rule's condition saw. `answered` holds the same answers as
    /// `answers`, in the order of the rubric's questions.
    func fill(_ activation: Activation, _ rubric: Rubric, _ answers: [String: Answer], answered: [Answer?]) -> String {
        guard let pieces else { return RuleOutcome.fillPlaceholders(source, activation, rubric, answers) }
        var out = ""
        out.reserveCapacity(source.utf8.count + 64)
        for piece in pieces {
            switch piece {
            case .text(let text):
                out += text
            case .placeholder(let placeholder):
                let shown: String
                if placeholder.variable == "answers", let index = placeholder.questionIndex, let answer = answered[index] {
                    shown = rubric.questions[index].display(answer)
                } else {
                    shown = placeholder.slot.flatMap { activation[$0] }.map(RuleOutcome.words) ?? "not answered"
                }
                guard ExplanationTemplate.isInert(
                    shown, asciiStart: placeholder.touchesPlaceholderBefore, asciiEnd: placeholder.touchesPlaceholderAfter)
                else {
                    return RuleOutcome.fillPlaceholders(source, activation, rubric, answers)
                }
                out += shown
            }
        }
        return out
    }

    /// A value that cannot form a placeholder or join a placeholder's brace into a larger character: no braces, and
    /// ASCII at an end that touches a placeholder (an ASCII scalar never joins its neighbour, CR LF aside).
    static func isInert(_ value: String, asciiStart: Bool, asciiEnd: Bool) -> Bool {
        let utf8 = value.utf8
        if asciiStart, let first = utf8.first, first >= 0x80 { return false }
        if asciiEnd, let last = utf8.last, last >= 0x80 { return false }
        return !utf8.contains { $0 == 0x7B || $0 == 0x7D }
    }

    /// The text's pieces, found exactly as `Placeholders.names(in:)` finds placeholders; nil when a brace has a
    /// non-ASCII neighbour or a placeholder is not a plain dotted name.
    private static func split(_ text: String, questionIndex: [String: Int], environment: Environment) -> [Piece]? {
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() where scalar == "{" || scalar == "}" {
            if index > 0, !scalars[index - 1].isASCII { return nil }
            if index + 1 < scalars.count, !scalars[index + 1].isASCII { return nil }
        }
        var pieces: [Piece] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let name = String(rest[rest.index(after: open)..<close])
            guard !name.isEmpty, name.unicodeScalars.allSatisfy({ $0.isASCIILetter || ("0"..."9").contains($0) || $0 == "_" || $0 == "." })
            else { return nil }
            let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
            guard let variable = parts.first else { return nil }
            let field = parts.count == 2 ? parts[1] : nil
            if open > rest.startIndex { pieces.append(.text(String(rest[..<open]))) }
            pieces.append(.placeholder(Placeholder(
                variable: variable, field: field,
                questionIndex: variable == "answers" ? field.flatMap { questionIndex[$0] } : nil,
                slot: environment.slot(variable, field: field))))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { pieces.append(.text(String(rest))) }
        for index in pieces.indices {
            guard case .placeholder(var placeholder) = pieces[index] else { continue }
            if index > 0, case .placeholder = pieces[index - 1] { placeholder.touchesPlaceholderBefore = true }
            if index + 1 < pieces.count, case .placeholder = pieces[index + 1] { placeholder.touchesPlaceholderAfter = true }
            pieces[index] = .placeholder(placeholder)
        }
        return pieces
    }
}
