import Assessment

extension ReportBuilder {
    /// The trend since the client's previous assessment and the client's place among peers, when the
    /// history knows them. Each change carries an arrow and a signed number, so it reads without colour.
    func comparisonSection(_ comparison: AssessmentComparison, in slot: HTMLDocument.Node) {
        guard comparison.previous != nil || comparison.peers != nil else { return }
        add(.heading(level: 3, text: "Since last time, and among peers"), in: slot)
        if let previous = comparison.previous {
            var sentence = "The previous assessment, on \(previous.date), gave \(previous.verdict.phrase) at \(ReportText.score(previous.overall))"
            if let change = comparison.overallChange(of: assessment) {
                sentence += "; the overall score has moved \(ReportText.change(change))"
            }
            add("p", in: slot, text: sentence + ".")
        }
        if let peers = comparison.peers {
            add("p", in: slot, text: "Compared with the \(peers.groupSize) assessed clients in \(peers.industry) (this one included): a percentile of 80 means the score is at or above that of 80% of them.")
        }
        var headers = ["Criterion"]
        if comparison.previous != nil { headers += ["Then", "Now", "Change"] }
        if comparison.peers != nil { headers.append("Peer percentile") }
        let rows = assessment.criteria.map { criterion -> [CellText] in
            var row: [CellText] = [.fixed(criterion.title)]
            if let previous = comparison.previous {
                row.append(.varying(ReportText.score(previous.scores[criterion.id])))
                row.append(.varying(ReportText.score(criterion.score)))
                row.append(.varying(comparison.change(of: criterion).map(ReportText.change) ?? "–"))
            }
            if let peers = comparison.peers {
                row.append(.varying(peers.percentiles[criterion.id].map { NumberText.format($0.rounded()) } ?? "–"))
            }
            return row
        }
        table(headers: headers, rows: rows, in: slot, rowHeaders: true)
    }
}

extension ReportText {
    /// "↑ +5.2", "↓ −3", "→ 0": the arrow for the eye, the number for everyone.
    static func change(_ value: Double) -> String {
        if value > 0 { return "↑ +\(NumberText.format(value))" }
        if value < 0 { return "↓ −\(NumberText.format(-value))" }
        return "→ 0"
    }
}
