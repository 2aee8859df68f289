import Assessment

/// What the index of a batch lists: every client scored, with a link to its report, and every input that failed.
public struct BatchIndex: Sendable {
    /// One scored client.
    public struct Row: Sendable, Hashable {
        public var client: String
        public var verdict: Verdict
        public var overall: Double?
        /// The criterion scores in the rubric's order.
        public var scores: [Double?]
        /// The report's file name, relative to the index; nil when no report was written.
        public var link: String?

        public init(client: String, verdict: Verdict, overall: Double?, scores: [Double?], link: String?) {
            self.client = client
            self.verdict = verdict
            self.overall = overall
            self.scores = scores
            self.link = link
        }
    }

    /// One input that could not be scored, with its problems already written as text.
    public struct Failure: Sendable, Hashable {
        public var input: String
        public var message: String

        public init(input: String, message: String) {
            self.input = input
            self.message = message
        }
    }

    public var criterionTitles: [String]
    public var rows: [Row]
    public var failures: [Failure]
    /// Inputs left alone because the run was stopped (a signal, or `--fail-fast`).
    public var notProcessed: Int

    public init(criterionTitles: [String], rows: [Row], failures: [Failure], notProcessed: Int) {
        self.criterionTitles = criterionTitles
        self.rows = rows
        self.failures = failures
        self.notProcessed = notProcessed
    }

    /// How many clients got each verdict, in the verdicts' order.
    public var counts: [(verdict: Verdict, count: Int)] {
        var counts: [Verdict: Int] = [:]
        for row in rows { counts[row.verdict, default: 0] += 1 }
        return Verdict.allCases.map { ($0, counts[$0] ?? 0) }
    }

    /// The header cells shared by every format: client, verdict, overall, then one per criterion.
    var columnTitles: [String] {
        ["Client", "Verdict", "Overall"] + criterionTitles
    }

    /// The sentence under the title.
    var headline: String {
        let total = rows.count + failures.count + notProcessed
        var parts = ["\(total) \(total == 1 ? "input" : "inputs")", "\(rows.count) scored", "\(failures.count) failed"]
        if notProcessed > 0 { parts.append("\(notProcessed) not processed (the run was stopped)") }
        return parts.joined(separator: ", ") + "."
    }

    /// A score as the index shows it: one decimal, a dash when there is none.
    static func number(_ value: Double?, empty: StaticString = "–") -> String {
        withNumberBytes(value, empty: empty) { String(decoding: $0, as: UTF8.self) }
    }

    /// `number`'s UTF-8, lent to `body` from the stack, so that a cell of the index costs no allocation.
    static func withNumberBytes<Result>(
        _ value: Double?, empty: StaticString = "–", _ body: (UnsafeBufferPointer<UInt8>) -> Result
    ) -> Result {
        guard let value, value.isFinite else { return empty.withUTF8Buffer(body) }
        let tenths = Int((value * 10).rounded())
        // At most 19 digits, the point and a sign; written from the end.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { digits in
            var start = digits.count
            func put(_ byte: UInt8) {
                start -= 1
                digits[start] = byte
            }
            var rest = tenths.magnitude
            put(UInt8(ascii: "0") + UInt8(rest % 10))
            put(UInt8(ascii: "."))
            rest /= 10
            repeat {
                put(UInt8(ascii: "0") + UInt8(rest % 10))
                rest /= 10
            } while rest > 0
            if tenths < 0 { put(UInt8(ascii: "-")) }
            return body(UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }
}
