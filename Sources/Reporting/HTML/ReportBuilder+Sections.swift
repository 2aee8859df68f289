import Assessment

extension ReportBuilder {
    func criteria(_ slot: HTMLDocument.Node) {
        add(.heading(level: 2, text: "The criteria"), in: slot)
        let item = styles.element(tag: "li", className: nil, in: document)
        // One buffer for every driver's line.
        var line: [UInt8] = []
        line.reserveCapacity(256)
        for criterion in assessment.criteria {
            let block = add("div", in: slot, class: "criterion")
            add(.heading(level: 3, text: criterion.title), in: block)
            add("p", in: block, class: "meta",
                text: "Score \(ReportText.score(criterion.score)) · \(criterion.band ?? "not answered") · weight \(NumberText.format(criterion.weight))")
            add(.labelled(label: "What it measures:", text: criterion.meaning, className: nil), in: block)
            add(.labelled(label: "Why it argues for in-house:", text: criterion.whyInHouse, className: "reason"), in: block)
            let drivers = largestContributions(of: criterion)
            if !drivers.isEmpty {
                add(.paragraph(text: "What drove the score:"), in: block)
                let list = add("ul", in: block)
                for driver in drivers {
                    describe(driver, into: &line)
                    document.text(utf8: line, in: add(item, in: list, text: nil))
                }
            }
            if let advice = criterion.advice { add(.labelled(label: "Advice:", text: advice, className: "advice"), in: block) }
        }
    }

    /// The three contributions that moved the score most; ties keep the rubric's order.
    func largestContributions(of criterion: CriterionResult) -> [Contribution] {
        // A running top three rather than a sort of every contribution: a batch writes this for every criterion.
        var top: [Contribution] = []
        top.reserveCapacity(4)
        for contribution in criterion.contributions where contribution.kind != .clamp {
            let size = abs(contribution.delta)
            guard top.count < 3 || size > abs(top[2].delta) else { continue }
            top.insert(contribution, at: top.firstIndex { size > abs($0.delta) } ?? top.count)
            if top.count > 3 { top.removeLast() }
        }
        return top
    }

    /// "<prompt> Answer: <answer> (+5 points)", or "Rule <id>: +5 points", written into `line`.
    func describe(_ contribution: Contribution, into line: inout [UInt8]) {
        line.removeAll(keepingCapacity: true)
        if contribution.kind == .rule {
            line.append(utf8Of: "Rule ")
            line.append(utf8Of: contribution.id)
            line.append(utf8Of: ": ")
            appendPoints(contribution.delta, to: &line)
        } else {
            let answers = assessment.answers
            let index = answers.indices.first { Self.same(answers[$0].question, contribution.id) }
            line.append(utf8Of: index.map { answers[$0].prompt } ?? contribution.id)
            line.append(utf8Of: " Answer: ")
            line.append(utf8Of: index.map { answers[$0].display } ?? "?")
            line.append(utf8Of: " (")
            appendPoints(contribution.delta, to: &line)
            line.append(UInt8(ascii: ")"))
        }
    }

    private func appendPoints(_ delta: Double, to line: inout [UInt8]) {
        line.append(utf8Of: delta >= 0 ? "+" : "−")
        line.append(utf8Of: NumberText.format(abs(delta)))
        line.append(utf8Of: " points")
    }

    /// `==` after a cheap look at the lengths: ids are long and most differ in length, and comparing
    /// two unequal strings is a call into the standard library each time.
    static func same(_ id: String, _ other: String) -> Bool {
        id.utf8.count == other.utf8.count && id == other
    }

    func rules(_ slot: HTMLDocument.Node) {
        add(.heading(level: 2, text: "Rules and flags"), in: slot)
        for flag in assessment.flags {
            add(.labelled(label: "\(flag.level.capitalizedFirst()):", text: flag.message, className: "flag"), in: slot)
        }
        let fired = assessment.rules.filter(\.fired)
        guard !fired.isEmpty else {
            add(.paragraph(text: "No rule fired for this questionnaire."), in: slot)
            return
        }
        add(.paragraph(text: "\(fired.count) of the rubric's \(assessment.rules.count) rules fired:"), in: slot)
        let list = add("ul", in: slot)
        for rule in fired {
            let item = add("li", in: list)
            add("strong", in: item, text: rule.id)
            document.text(": \(rule.explanation ?? "no explanation given")\(effectText(rule.effect))", in: item)
        }
    }

    private func effectText(_ effect: RuleEffect?) -> String {
        guard let effect else { return "" }
        var parts: [String] = []
        if let veto = effect.veto { parts.append("decides the verdict: \(veto.phrase)") }
        for (criterion, points) in (effect.adjust ?? [:]).sorted(by: { $0.key < $1.key }) {
            let title = assessment.criteria.first { $0.id == criterion }?.title ?? criterion
            parts.append("\(points >= 0 ? "+" : "−")\(NumberText.format(abs(points))) to \(title.lowercasedFirst())")
        }
        return parts.isEmpty ? "" : " (Effect: \(parts.joined(separator: "; ")).)"
    }

    func actions(_ slot: HTMLDocument.Node) {
        add(.heading(level: 2, text: "Action plan"), in: slot)
        guard !assessment.actions.isEmpty else {
            add(.paragraph(text: "No actions were suggested."), in: slot)
            return
        }
        let list = add("ol", in: slot)
        for action in assessment.actions { add(.listItem(text: action), in: list) }
    }

    func coverage(_ slot: HTMLDocument.Node) {
        add(.heading(level: 2, text: "Coverage"), in: slot)
        add(.paragraph(text: "\(ReportText.percent(assessment.coverage)) of the question weight was answered; the rubric needs \(ReportText.percent(assessment.minimumCoverage)) to reach a verdict."), in: slot)
        guard !assessment.missing.isEmpty else { return }
        let titles = Dictionary(assessment.criteria.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
        table(
            headers: ["Unanswered question", "Criterion", "Required"],
            rows: assessment.missing.map { [.fixed($0.prompt), .fixed(titles[$0.criterion] ?? $0.criterion), .fixed($0.required ? "yes" : "no")] },
            in: slot)
    }

    func method(_ slot: HTMLDocument.Node) {
        add(.heading(level: 2, text: "Method"), in: slot)
        add(.paragraph(text: "Each answer is turned into points from 0 to 1, where 1 argues most strongly for keeping the work in-house. A criterion's score is the weighted mean of its answered questions on a 0 to 100 scale, plus the adjustments of the rules that fired, kept within 0 to 100. The overall score is the mean of the criterion scores weighted by the criteria's weights. The verdict comes from the rubric's bands over the overall score, unless a rule decides it (a veto) or too little was answered (inconclusive)."), in: slot)
        table(
            headers: ["Item", "Value"],
            rows: [
                [.fixed("Rubric"), .fixed("\(assessment.rubric.title) (\(assessment.rubric.id))")],
                [.fixed("Rubric version"), .fixed(assessment.rubric.version)],
                [.fixed("Rubric SHA-256"), .fixed(assessment.rubric.sha256)],
                [.fixed("Questionnaire SHA-256"), .varying(assessment.questionnaire.sha256)],
                [.fixed("Generated by"), .fixed("\(assessment.generatedBy.name) \(assessment.generatedBy.version)")],
            ],
            in: slot, rowHeaders: true, cellClasses: [nil, "code"])
    }

    /// The lines of `text` that are not empty, split where a `Character` would be "\n": at every line
    /// feed that is not part of a "\r\n" pair. Done on UTF-8 bytes, which is many times cheaper than
    /// splitting by `Character`.
    static func paragraphs(of text: String) -> [String] {
        let bytes = Array(text.utf8)
        var paragraphs: [String] = []
        var start = 0
        for index in bytes.indices where bytes[index] == 0x0A && (index == 0 || bytes[index - 1] != 0x0D) {
            if start < index { paragraphs.append(String(decoding: bytes[start..<index], as: UTF8.self)) }
            start = index + 1
        }
        if start < bytes.count { paragraphs.append(String(decoding: bytes[start...], as: UTF8.self)) }
        return paragraphs
    }

    /// Every question and the answer given, grouped under its criterion: a list rather than a table,
    /// so it reads on a phone and the criterion is not repeated on every row.
    /// An answer whose words come from the rubric is a kept part; a number, a text or a set of choices
    /// is built for this report alone.
    func appendix(_ slot: HTMLDocument.Node) {
        add(.heading(level: 2, text: "Appendix: questions and answers"), in: slot)
        let list = styles.element(tag: "ul", className: nil, in: document)
        let answers = assessment.answers
        for (criterion, given) in zip(assessment.criteria, answerIndicesByCriterion()) where !given.isEmpty {
            add(.heading(level: 3, text: criterion.title), in: slot)
            let questions = add(list, in: slot, text: nil)
            for index in given {
                let record = answers[index]
                if record.displayIsFromRubric {
                    add(.answerLine(prompt: record.prompt, answer: record.display), in: questions)
                } else {
                    answerLine(prompt: record.prompt, answer: record.display, in: questions)
                }
            }
        }
        if let notes = assessment.questionnaire.notes?.trimmingCharacters(), !notes.isEmpty {
            add(.heading(level: 3, text: "Notes"), in: slot)
            for paragraph in Self.paragraphs(of: notes) { add("p", in: slot, text: paragraph) }
        }
    }
}

extension ReportBuilder {
    /// For each criterion, the positions of the answers to its questions, in the answers' order: one
    /// pass over positions rather than a filtered copy of every answer for each criterion.
    func answerIndicesByCriterion() -> [[Int]] {
        let criteria = assessment.criteria, answers = assessment.answers
        var groups = [[Int]](repeating: [], count: criteria.count)
        for index in answers.indices {
            for position in criteria.indices where Self.same(criteria[position].id, answers[index].criterion) {
                groups[position].append(index)
            }
        }
        return groups
    }
}

extension String {
    func capitalizedFirst() -> String {
        guard let first else { return self }
        return first.uppercased() + dropFirst()
    }
}
