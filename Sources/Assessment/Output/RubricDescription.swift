/// The normalised rubric printed by `insource rubric show --format json`; other tools read it, so its shape is stable.
/// Documented in Rubrics/README.md.
public struct RubricDescription: Sendable, Codable {
    public struct CriterionEntry: Sendable, Codable {
        var id: String
        var title: String
        var weight: Double
        var meaning: String
        var whyInHouse: String
    }

    public struct ChoiceEntry: Sendable, Codable {
        var value: String
        var label: String
        var points: Double?
    }

    public struct QuestionEntry: Sendable, Codable {
        var id: String
        var criterion: String
        var prompt: String
        var help: String?
        var type: String
        var min: Double?
        var max: Double?
        var unit: String?
        var labels: [String: String]?
        var choices: [ChoiceEntry]
        var favorsInHouse: String?
        var weight: Double
        var required: Bool

        enum CodingKeys: String, CodingKey {
            case id, criterion, prompt, help, type, min, max, unit, labels, choices, favorsInHouse, weight, required
        }

        /// Every key is always present, null when it does not apply, so readers need no existence checks.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(criterion, forKey: .criterion)
            try container.encode(prompt, forKey: .prompt)
            try container.encode(help, forKey: .help)
            try container.encode(type, forKey: .type)
            try container.encode(min, forKey: .min)
            try container.encode(max, forKey: .max)
            try container.encode(unit, forKey: .unit)
            try container.encode(labels, forKey: .labels)
            try container.encode(choices, forKey: .choices)
            try container.encode(favorsInHouse, forKey: .favorsInHouse)
            try container.encode(weight, forKey: .weight)
            try container.encode(required, forKey: .required)
        }
    }

    public struct RuleEntry: Sendable, Codable {
        var id: String
        var when: String
        var phase: String
        var adjust: [String: Double]?
        var flag: FlagResult?
        var veto: Verdict?
        var advice: String?
        var explanation: String?
    }

    public struct BandEntry: Sendable, Codable {
        var verdict: Verdict
        var from: Double
        var to: Double
        var summary: String
    }

    var schemaVersion = 1
    var id: String
    var title: String
    var version: String
    var sha256: String
    var path: String
    var description: String
    var minCoverage: Double
    var bands: [BandEntry]
    var criteria: [CriterionEntry]
    var questions: [QuestionEntry]
    var rules: [RuleEntry]

    public init(_ rubric: Rubric) {
        id = rubric.id
        title = rubric.title
        version = rubric.version
        sha256 = rubric.origin.sha256
        path = rubric.origin.path
        description = rubric.description
        minCoverage = rubric.minimumCoverage
        bands = rubric.bands.map { BandEntry(verdict: $0.verdict, from: $0.from, to: $0.to, summary: $0.summary) }
        criteria = rubric.criteria.map {
            CriterionEntry(id: $0.id, title: $0.title, weight: $0.weight, meaning: $0.meaning, whyInHouse: $0.whyInHouse)
        }
        questions = rubric.questions.map(RubricDescription.entry)
        rules = rubric.rules.map { rule in
            RuleEntry(
                id: rule.id, when: rule.when.source, phase: rule.runsAfterScoring ? "after-scoring" : "before-scoring",
                adjust: rule.adjustments.isEmpty ? nil : Dictionary(rule.adjustments.map { ($0.criterion, $0.points) }, uniquingKeysWith: +),
                flag: rule.flag.map { FlagResult(rule: rule.id, level: $0.level.rawValue, message: $0.message) },
                veto: rule.veto, advice: rule.advice, explanation: rule.explanation)
        }
    }

    private static func entry(_ question: Question) -> QuestionEntry {
        var entry = QuestionEntry(
            id: question.id, criterion: question.criterion, prompt: question.prompt, help: question.help,
            type: question.kind.name, choices: question.choices.map { ChoiceEntry(value: $0.value, label: $0.label, points: $0.points) },
            favorsInHouse: question.favorsInHouse?.rawValue, weight: question.weight, required: question.required)
        switch question.kind {
        case .scale(let min, let max, let labels):
            entry.min = Double(min)
            entry.max = Double(max)
            entry.labels = labels.isEmpty ? nil : Dictionary(uniqueKeysWithValues: labels.map { (String($0.key), $0.value) })
        case .number(let unit, let min, let max, _, _):
            entry.min = min
            entry.max = max
            entry.unit = unit
        default: break
        }
        return entry
    }
}
