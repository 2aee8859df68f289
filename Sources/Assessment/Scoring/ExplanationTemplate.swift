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
    /// Plain numbers only, so copying one retains nothing.
    struct Placeholder: Sendable {
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

    /// The pieces laid out for filling in: text, placeholder, text, ..., text (any text may be empty).
    struct Layout: Sendable {
        /// All the text between placeholders in one buffer; text `i` ends at `textEnds[i]`, placeholder `i` follows it.
        var text: [UInt8] = []
        var textEnds: [Int] = []
        var placeholders: [Placeholder] = []

        init(_ pieces: [Piece]) {
            for piece in pieces {
                switch piece {
                case .text(let part):
                    text.append(contentsOf: part.utf8)
                case .placeholder(let placeholder):
                    textEnds.append(text.count)
                    placeholders.append(placeholder)
                }
            }
            textEnds.append(text.count)
        }

        /// The text with `values` in place of the placeholders; `length` is the sum of their UTF-8 counts.
        func join(_ values: UnsafeMutableBufferPointer<String>, length: Int) -> String {
            String(unsafeUninitializedCapacity: length) { buffer in
                var end = 0
                text.withUnsafeBufferPointer { text in
                    var start = 0
                    for (index, textEnd) in textEnds.enumerated() {
                        end = Layout.copy(UnsafeBufferPointer(rebasing: text[start..<textEnd]), into: buffer, at: end)
                        start = textEnd
                        guard index < values.count else { break }
                        end = values[index].utf8.withContiguousStorageIfAvailable { Layout.copy($0, into: buffer, at: end) }
                            ?? Layout.copy(Array(values[index].utf8), into: buffer, at: end)
                    }
                }
                return end
            }
        }

        private static func copy(_ bytes: UnsafeBufferPointer<UInt8>, into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int) -> Int {
            guard let source = bytes.baseAddress, !bytes.isEmpty else { return offset }
            (buffer.baseAddress! + offset).update(from: source, count: bytes.count)
            return offset + bytes.count
        }

        private static func copy(_ bytes: [UInt8], into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int) -> Int {
            bytes.withUnsafeBufferPointer { copy($0, into: buffer, at: offset) }
        }
    }

    /// The explanation as the rubric writes it.
    let source: String
    /// nil when the text itself is outside what the concatenation handles.
    let layout: Layout?
    /// Every explanation the template can give, when it shows only answers to questions with few possible answers.
    let table: Table?

    /// `plan` needs its question index and answer texts; `questions` are the rubric's.
    init(_ source: String, questions: [Question], plan: ScoringPlan, environment: Environment) {
        self.source = source
        let layout = ExplanationTemplate.split(source, questionIndex: plan.questionIndex, environment: environment).map(Layout.init)
        self.layout = layout
        table = layout.flatMap { Table(source, layout: $0, questions: questions, plan: plan) }
    }

    /// Fills in the placeholders from the values a rule's condition saw. `answered` holds the same answers as
    /// `answers`, in the order of the rubric's questions.
    func fill(_ activation: Activation, _ rubric: Rubric, _ answers: [String: Answer], answered: [Answer?]) -> String {
        if let table, let explanation = table.explanation(answered) { return explanation }
        guard let layout else { return RuleOutcome.fillPlaceholders(source, activation, rubric, answers) }
        // Without placeholders the text is the explanation itself, which shares its storage.
        if layout.placeholders.isEmpty { return source }
        // Both closures are passed as written: a closure kept in a variable would copy the rubric it reads.
        return ExplanationTemplate.fill(layout, general: { RuleOutcome.fillPlaceholders(source, activation, rubric, answers) }) { placeholder in
            if let question = placeholder.questionIndex, let answer = answered[question] {
                return rubric.plan.answerTexts[question].display(answer, of: rubric.questions[question])
            }
            return placeholder.slot.flatMap { activation[$0] }.map(RuleOutcome.words) ?? "not answered"
        }
    }

    /// The layout with each placeholder's `shown` value in its place, or `general()` when a value is not inert.
    static func fill(_ layout: Layout, general: () -> String, shown: (Placeholder) -> String) -> String {
        let placeholders = layout.placeholders
        // The values wait on the stack, so that the explanation is then written once, at its final size.
        return withUnsafeTemporaryAllocation(of: String.self, capacity: placeholders.count) { values in
            var length = layout.text.count
            for (index, placeholder) in placeholders.enumerated() {
                let value = shown(placeholder)
                guard isInert(value, asciiStart: placeholder.touchesPlaceholderBefore, asciiEnd: placeholder.touchesPlaceholderAfter)
                else {
                    values.baseAddress?.deinitialize(count: index)
                    return general()
                }
                values.initializeElement(at: index, to: value)
                length += value.utf8.count
            }
            defer { values.baseAddress?.deinitialize(count: placeholders.count) }
            return layout.join(values, length: length)
        }
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
