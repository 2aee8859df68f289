import RuleExpressions

/// Valid questionnaires with random answers, the same for the same seed: for benchmarks, load tests
/// and demonstrations. Some client names are non-ASCII on purpose.
public struct RandomQuestionnaires {
    private var generator: SplitMix64
    private let rubric: Rubric

    static let namePrefixes = [
        "Rosa's", "Northgate", "Harbour", "Lakeside", "Café Ñandú", "Bäckerei Müller", "Łódź", "Østerbro",
        "北京", "Maple & Oak", "Sunrise", "Blue Fern", "Kaffee Kränzchen", "São Bento", "Żabka", "Ōsaka",
    ]
    static let nameSuffixes = [
        "Bakery", "Parts & Supply", "Dental", "Fitness", "Coffee", "Bookshop", "Garage", "Studio", "Florist",
        "Hardware", "Tea House", "Bicycles", "Tailors", "Print Shop",
    ]
    static let industries = ["Food and beverage", "Retail", "Health", "Manufacturing", "Professional services", "Fitness"]

    public init(rubric: Rubric, seed: UInt64) {
        self.rubric = rubric
        self.generator = SplitMix64(seed: seed)
    }

    /// The next questionnaire as YAML text; `number` makes the client unique within a run.
    public mutating func next(number: Int) -> String {
        let name = "\(pick(Self.namePrefixes)) \(pick(Self.nameSuffixes)) \(number)"
        var lines = [
            "rubric: \(rubric.id)",
            "client:",
            "  name: \(Value.string(name).jsonText)",
            "  owner: \(Value.string("Owner \(number)").jsonText)",
            "  email: owner\(number)@example.com",
            "  industry: \(Value.string(pick(Self.industries)).jsonText)",
            "  employees: \(Int(generator.next() % 250) + 1)",
            "assessed_on: \"2026-\(String(format2: Int(generator.next() % 12) + 1))-\(String(format2: Int(generator.next() % 28) + 1))\"",
            "assessor: Load Generator",
            "answers:",
        ]
        for question in rubric.questions {
            // About one answer in ten is left out, as in real questionnaires; required ones never are.
            if !question.required && generator.next() % 10 == 0 { continue }
            lines.append("  \(question.id): \(answer(for: question))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private mutating func answer(for question: Question) -> String {
        switch question.kind {
        case .scale(let min, let max, _):
            return String(min + Int(generator.next() % UInt64(max - min + 1)))
        case .boolean:
            return generator.next() % 2 == 0 ? "true" : "false"
        case .number(_, let min, let max, let from, let to):
            let low = min ?? from ?? 0
            let high = max ?? to ?? low + 100
            let fraction = Double(generator.next() % 1001) / 1000
            return NumberText.format(low + (high - low) * fraction)
        case .choice(let choices):
            return choices.isEmpty ? "null" : pick(choices).value
        case .multiChoice(let choices):
            let chosen = choices.filter { _ in generator.next() % 3 == 0 }
            return "[" + chosen.map(\.value).joined(separator: ", ") + "]"
        case .text:
            return Value.string("Note \(generator.next() % 1000): we post what happens in the shop.").jsonText
        }
    }

    private mutating func pick<T>(_ items: [T]) -> T {
        items[Int(generator.next() % UInt64(items.count))]
    }
}

/// A small, fast, well-known generator (Steele, Lea and Flood's SplitMix64): the same seed gives
/// the same questionnaires on every machine, which `SystemRandomNumberGenerator` cannot promise.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension String {
    /// Two digits, zero-padded.
    init(format2 value: Int) {
        self = value < 10 ? "0\(value)" : String(value)
    }
}
