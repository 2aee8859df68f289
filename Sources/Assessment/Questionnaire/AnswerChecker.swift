import RuleExpressions

/// Checks each answer against its question: type, range, allowed choices, required.
struct AnswerChecker {
    let rubric: Rubric
    let checker: DocumentChecker

    /// The answers by question id, and the same answers by position in the rubric's questions.
    func answers(_ node: DocumentNode?, in root: DocumentNode) -> (byID: [String: Answer], byPosition: [Answer?]) {
        var answers: [String: Answer] = [:]
        let questions = rubric.questions
        var byPosition = [Answer?](repeating: nil, count: questions.count)
        // Which questions the file mentions, by position in the rubric (question ids are unique).
        var present = [Bool](repeating: false, count: questions.count)
        if let node {
            guard let pairs = node.mappingPairs else {
                checker.error("answers must be a mapping from question ids to answers, found \(node.kindDescription)", at: node)
                return ([:], byPosition)
            }
            answers.reserveCapacity(pairs.count)
            // Files mostly list the answers in the rubric's order: the question after the last one found is tried
            // first, by the same comparison the lookup makes.
            var next = 0
            for (key, value) in pairs {
                guard let id = key.scalarText else { continue }
                let index: Int
                if rubric.plan.questionIDsAreUnique, next < questions.count, questions[next].id == id {
                    index = next
                } else if let found = rubric.plan.questionIndex[id] {
                    index = found
                } else {
                    let hint = Spelling.suggestion(for: id, among: questions.map(\.id)).map { "; did you mean '\($0)'?" } ?? ""
                    checker.error("unknown question id '\(id)' for rubric '\(rubric.id)'\(hint)", at: key)
                    continue
                }
                next = index + 1
                present[index] = true
                if value.isNull { continue }
                if let answer = check(value, for: questions[index]) {
                    answers[id] = answer
                    byPosition[index] = answer
                }
            }
        }
        // With unique ids a question's answer is found by its position; otherwise by id, as another question's may be.
        let unique = rubric.plan.questionIDsAreUnique
        func unanswered(_ index: Int) -> Bool { unique ? byPosition[index] == nil : answers[questions[index].id] == nil }
        for (index, question) in questions.enumerated() where question.required && unanswered(index) && !present[index] {
            checker.error("the required question '\(question.id)' is not answered", at: node ?? root)
        }
        for (index, question) in questions.enumerated() where question.required && present[index] && unanswered(index) {
            if let pair = node?.mappingPairs?.first(where: { $0.key.scalarText == question.id }), pair.value.isNull {
                checker.error("the required question '\(question.id)' is not answered", at: pair.value)
            }
        }
        return (answers, byPosition)
    }

    private func check(_ node: DocumentNode, for question: Question) -> Answer? {
        // Built only when a problem is reported.
        let what = { "the answer to '\(question.id)'" }
        switch question.kind {
        case .scale(let min, let max, _):
            guard let value = checker.integer(node, what()) else { return nil }
            guard (min...max).contains(value) else {
                checker.error("\(what()) must lie on the scale \(min)...\(max), found \(value)", at: node)
                return nil
            }
            return .scale(value)
        case .boolean:
            return checker.bool(node, what()).map(Answer.boolean)
        case .number(let unit, let min, let max, _, _):
            guard let value = checker.number(node, what()) else { return nil }
            let unitText = { unit.map { " \($0)" } ?? "" }
            if let min, value < min {
                checker.error("\(what()) must be at least \(RubricLoader.format(min))\(unitText()), found \(RubricLoader.format(value))", at: node)
                return nil
            }
            if let max, value > max {
                checker.error("\(what()) must be at most \(RubricLoader.format(max))\(unitText()), found \(RubricLoader.format(value))", at: node)
                return nil
            }
            return .number(value)
        case .choice(let choices):
            return checkChoice(node, choices, what()).map(Answer.choice)
        case .multiChoice(let choices):
            guard let items = checker.list(node, what()) else { return nil }
            var values: [String] = []
            values.reserveCapacity(items.count)
            for item in items {
                guard let value = checkChoice(item, choices, "a choice in \(what())") else { continue }
                if values.contains(value) {
                    checker.error("'\(value)' is chosen twice in \(what())", at: item)
                } else {
                    values.append(value)
                }
            }
            return values.count == items.count ? .multiChoice(values) : nil
        case .text:
            return checker.string(node, what()).map(Answer.text)
        }
    }

    private func checkChoice(_ node: DocumentNode, _ choices: [Choice], _ what: @autoclosure () -> String) -> String? {
        guard let value = checker.string(node, what()) else { return nil }
        guard choices.contains(where: { $0.value == value }) else {
            let allowed = choices.map(\.value)
            let hint = Spelling.suggestion(for: value, among: allowed).map { "; did you mean '\($0)'?" }
                ?? "; expected one of: \(allowed.joined(separator: ", "))"
            checker.error("'\(value)' is not a choice for \(what())\(hint)", at: node)
            return nil
        }
        return value
    }
}
