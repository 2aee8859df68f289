/// How an answer becomes points (0...1, toward keeping the work in-house) and words.
extension Question {
    /// nil for text answers, which never score.
    public func points(for answer: Answer) -> Double? {
        // By the answer first, then the question's kind: matching the pair at once would copy both into a tuple.
        let kind = self.kind
        let raw: Double
        switch answer {
        case .scale(let value):
            guard case .scale(let min, let max, _) = kind else { return nil }
            raw = Double(value - min) / Double(max - min)
        case .boolean(let value):
            guard case .boolean = kind else { return nil }
            raw = value ? 1 : 0
        case .number(let value):
            guard case .number(_, _, _, let from?, let to?) = kind else { return nil }
            raw = Swift.min(1, Swift.max(0, (value - from) / (to - from)))
        case .choice(let value):
            guard case .choice(let choices) = kind else { return nil }
            return choices.first { $0.value == value }?.points ?? 0
        case .multiChoice(let values):
            guard case .multiChoice(let choices) = kind else { return nil }
            if choices.allSatisfy({ $0.points != nil }) {
                let sum = choices.filter { values.contains($0.value) }.reduce(0) { $0 + ($1.points ?? 0) }
                return Swift.min(1, Swift.max(0, sum))
            }
            raw = choices.isEmpty ? 0 : Double(values.count) / Double(choices.count)
        case .text:
            return nil
        }
        return favorsInHouse == .low ? 1 - raw : raw
    }

    /// The answer in words, as a report shows it.
    public func display(_ answer: Answer) -> String {
        switch answer {
        case .scale(let value):
            if case .scale(_, _, let labels) = kind, let label = labels[value] { return "\(value) (\(label))" }
            return String(value)
        case .boolean(let value):
            return value ? "yes" : "no"
        case .number(let value):
            if case .number(let unit?, _, _, _, _) = kind { return "\(NumberText.format(value)) \(unit)" }
            return NumberText.format(value)
        case .choice(let value):
            return choices.first { $0.value == value }?.label ?? value
        case .multiChoice(let values):
            if values.isEmpty { return "none" }
            return values.map { value in choices.first { $0.value == value }?.label ?? value }.joined(separator: ", ")
        case .text(let text):
            return text
        }
    }
}

/// Numbers as people read them: no trailing ".0", at most two decimals.
public enum NumberText {
    public static func format(_ value: Double) -> String {
        guard value.isFinite else { return String(value) }
        let hundredths = (value * 100).rounded()
        if abs(hundredths) < 1e11 { return written(hundredths: Int(hundredths)) }
        let rounded = hundredths / 100
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int(rounded)) }
        return String(rounded)
    }

    /// `format` of `hundredths / 100`, written digit by digit: the slow way writes the shortest decimal that reads
    /// back as the same double, and below 1e9 doubles lie so close together that this is the two-decimal one,
    /// trailing zeros dropped (an integer has no point).
    static func written(hundredths: Int) -> String {
        // At most "-999999999.99", which fits a small string: nothing is allocated.
        String(unsafeUninitializedCapacity: 15) { buffer in
            var end = 0
            func put(_ byte: UInt8) {
                buffer[end] = byte
                end += 1
            }
            if hundredths < 0 { put(UInt8(ascii: "-")) }
            let whole = hundredths.magnitude / 100
            let fraction = hundredths.magnitude % 100
            var divisor: UInt = 1
            while divisor <= whole / 10 { divisor *= 10 }
            while divisor > 0 {
                put(UInt8(ascii: "0") + UInt8(whole / divisor % 10))
                divisor /= 10
            }
            if fraction > 0 {
                put(UInt8(ascii: "."))
                put(UInt8(ascii: "0") + UInt8(fraction / 10))
                if fraction % 10 > 0 { put(UInt8(ascii: "0") + UInt8(fraction % 10)) }
            }
            return end
        }
    }

    /// Rounds to `places` decimals, so outputs are stable and readable.
    public static func round(_ value: Double, places: Int) -> Double {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        return (value * scale).rounded() / scale
    }
}
