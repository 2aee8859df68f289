import RuleExpressions

extension RubricLoader {
    static let defaultCriterionBands = [
        CriterionBand(id: "weak", from: 0, to: 40),
        CriterionBand(id: "mixed", from: 40, to: 70),
        CriterionBand(id: "strong", from: 70, to: 100),
    ]

    static func readVerdictBands(_ node: DocumentNode?, checker: DocumentChecker) -> [VerdictBand] {
        guard let items = checker.list(node, "bands") else { return [] }
        let allowed = [Verdict.keepInHouse, .hybrid, .outsource].map(\.rawValue)
        let bands: [(VerdictBand, DocumentNode)] = items.compactMap { item in
            guard let fields = checker.fields(item, "a band", keys: ["verdict", "from", "to", "summary"],
                required: ["verdict", "from", "to", "summary"]),
                let verdict = checker.word(fields["verdict"], "verdict", among: allowed).flatMap(Verdict.init(rawValue:)),
                let from = checker.number(fields["from"], "from"), let to = checker.number(fields["to"], "to")
            else { return nil }
            return (VerdictBand(verdict: verdict, from: from, to: to, summary: checker.string(fields["summary"], "summary") ?? ""), item)
        }
        checkCoverage(bands.map { ($0.0.from, $0.0.to, $0.1) }, what: "verdict bands", in: node, checker: checker)
        return bands.map(\.0).sorted { $0.from < $1.from }
    }

    static func readCriterionBands(_ node: DocumentNode?, checker: DocumentChecker) -> [CriterionBand] {
        guard let node else { return defaultCriterionBands }
        guard let items = checker.list(node, "criterion_bands") else { return defaultCriterionBands }
        let bands: [(CriterionBand, DocumentNode)] = items.compactMap { item in
            guard let fields = checker.fields(item, "a criterion band", keys: ["band", "from", "to"], required: ["band", "from", "to"]),
                let id = checker.string(fields["band"], "band"),
                let from = checker.number(fields["from"], "from"), let to = checker.number(fields["to"], "to")
            else { return nil }
            return (CriterionBand(id: id, from: from, to: to), item)
        }
        checkCoverage(bands.map { ($0.0.from, $0.0.to, $0.1) }, what: "criterion bands", in: node, checker: checker)
        return bands.map(\.0).sorted { $0.from < $1.from }
    }

    /// Bands must tile 0...100: each starts where the previous ended, with no gap and no overlap.
    private static func checkCoverage(
        _ ranges: [(from: Double, to: Double, node: DocumentNode)], what: String, in node: DocumentNode?,
        checker: DocumentChecker
    ) {
        guard let node else { return }
        if ranges.isEmpty {
            checker.error("\(what) must hold at least one band", at: node)
            return
        }
        for range in ranges where !(0 <= range.from && range.from < range.to && range.to <= 100) {
            checker.error("a band must run from a lower to a higher score within 0...100, found \(format(range.from))...\(format(range.to))", at: range.node)
        }
        let sorted = ranges.sorted { $0.from < $1.from }
        if let first = sorted.first, first.from != 0 {
            checker.error("\(what) leave a gap: nothing covers scores from 0 to \(format(first.from))", at: first.node)
        }
        if let last = sorted.last, last.to != 100 {
            checker.error("\(what) leave a gap: nothing covers scores from \(format(last.to)) to 100", at: last.node)
        }
        for (previous, next) in zip(sorted, sorted.dropFirst()) {
            if next.from < previous.to {
                checker.error("\(what) overlap: \(format(next.from))...\(format(next.to)) starts before the band ending at \(format(previous.to))", at: next.node,
                    note: "the other band is at line \(previous.node.location.line)")
            } else if next.from > previous.to {
                checker.error("\(what) leave a gap: nothing covers scores from \(format(previous.to)) to \(format(next.from))", at: next.node)
            }
        }
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
