extension ExplanationTemplate {
    /// Every explanation a template can give, worked out with the rubric, when all it shows are answers to
    /// questions with few possible answers (yes or no, a choice, a short scale): filling it in is then picking one.
    struct Table: Sendable {
        /// More explanations than this are filled in per questionnaire instead.
        static let largest = 256

        /// The questions the placeholders show, each once, with how their answers read.
        let questions: [(position: Int, texts: AnswerTexts)]
        /// By the answers shown, the first question's varying slowest; a question's answer 0 is "not answered",
        /// answer `n` its `fewAnswers[n - 1]`.
        let explanations: [String]

        init?(_ source: String, layout: Layout, questions all: [Question], plan: ScoringPlan) {
            // An unanswered question's slot could hold another question's answer were ids shared.
            guard !layout.placeholders.isEmpty, plan.questionIDsAreUnique else { return nil }
            var questions: [(position: Int, texts: AnswerTexts)] = []
            var count = 1
            for placeholder in layout.placeholders {
                guard let position = placeholder.questionIndex, let few = plan.answerTexts[position].fewAnswers else { return nil }
                guard !questions.contains(where: { $0.position == position }) else { continue }
                questions.append((position, plan.answerTexts[position]))
                count *= few.count + 1
                guard count <= Table.largest else { return nil }
            }
            self.questions = questions
            explanations = (0..<count).map { number in
                // This number's answers, then the explanation as filling it in would give it.
                var answered: [Int: Answer] = [:]
                var rest = number
                for (position, texts) in questions.reversed() {
                    let sizes = (texts.fewAnswers?.count ?? 0) + 1
                    if rest % sizes > 0 { answered[position] = texts.fewAnswers?[rest % sizes - 1] }
                    rest /= sizes
                }
                func shown(_ position: Int) -> String {
                    answered[position].map { plan.answerTexts[position].display($0, of: all[position]) } ?? "not answered"
                }
                let general = {
                    RuleOutcome.replacingPlaceholders(source) { _, field in field.flatMap { plan.questionIndex[$0] }.map(shown) ?? "not answered" }
                }
                return ExplanationTemplate.fill(layout, general: general) { shown($0.questionIndex ?? 0) }
            }
        }

        /// The explanation for these answers (in the rubric's order), unless one is not among the few expected.
        func explanation(_ answered: [Answer?]) -> String? {
            var number = 0
            for (position, texts) in questions {
                let sizes = (texts.fewAnswers?.count ?? 0) + 1
                var digit = 0
                if let answer = answered[position] {
                    guard let found = texts.position(of: answer) else { return nil }
                    digit = found + 1
                }
                number = number * sizes + digit
            }
            return explanations[number]
        }
    }
}
