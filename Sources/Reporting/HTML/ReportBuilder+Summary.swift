import Assessment

extension ReportBuilder {
    func header(_ slot: HTMLDocument.Node) {
        let client = assessment.client
        add("h1", in: slot, text: client.name)
        add("p", in: slot, class: "meta", text: assessment.rubric.title)
        var facts: [String] = []
        if let date = assessment.questionnaire.assessedOn { facts.append("Assessed on \(date)") }
        if let assessor = assessment.questionnaire.assessor { facts.append("by \(assessor)") }
        facts.append("for \(branding.firm)")
        add("p", in: slot, class: "meta", text: facts.joined(separator: " "))
        let about = [client.owner.map { "Owner: \($0)" }, client.industry.map { "Industry: \($0)" },
                     client.employees.map { "Employees: \($0)" }, client.location.map { "Location: \($0)" }].compactMap { $0 }
        if !about.isEmpty { add("p", in: slot, class: "meta", text: about.joined(separator: " · ")) }
    }

    func summary(_ slot: HTMLDocument.Node) {
        add(.heading(level: 2, text: "Summary"), in: slot)
        add("p", in: slot, class: "verdict", text: "\(ReportText.verdictHeadline(assessment.verdict)), overall \(ReportText.score(assessment.overall))")
        add("p", in: slot, text: assessment.summary)
        add(.heading(level: 3, text: "Key findings"), in: slot)
        let findings = add("ul", in: slot)
        for finding in keyFindings() { add("li", in: findings, text: finding) }
        let first = assessment.actions.prefix(3)
        if !first.isEmpty {
            add(.heading(level: 3, text: "First actions"), in: slot)
            let list = add("ol", in: slot)
            for action in first { add(.listItem(text: action), in: list) }
        }
    }

    /// Three to five sentences a client should take away: the deciding rule, the strongest and weakest
    /// criteria, the flags raised, and how complete the questionnaire was.
    func keyFindings() -> [String] {
        var findings: [String] = []
        if let veto = assessment.veto, let rule = assessment.rules.first(where: { $0.id == veto }) {
            findings.append("The verdict is decided by a rule: \(rule.explanation ?? veto)")
        }
        let scored = assessment.criteria.filter { $0.score != nil }
        if let strongest = scored.max(by: { ($0.score ?? 0) < ($1.score ?? 0) }) {
            findings.append("Strongest case for in-house: \(strongest.title.lowercasedFirst()), at \(ReportText.score(strongest.score)).")
        }
        if scored.count > 1, let weakest = scored.min(by: { ($0.score ?? 0) < ($1.score ?? 0) }) {
            findings.append("Weakest: \(weakest.title.lowercasedFirst()), at \(ReportText.score(weakest.score)).")
        }
        for flag in assessment.flags where findings.count < 4 {
            findings.append(flag.message)
        }
        if scored.isEmpty { findings.append("No criterion could be scored: too few questions were answered.") }
        if assessment.coverage < 1 {
            let unanswered = assessment.missing.count
            findings.append("\(unanswered) question\(unanswered == 1 ? " was" : "s were") left unanswered (coverage \(ReportText.percent(assessment.coverage))).")
        } else {
            findings.append("Every question was answered.")
        }
        return Array(findings.prefix(5))
    }

    func chart(_ slot: HTMLDocument.Node) {
        add(.heading(level: 2, text: "Scores at a glance"), in: slot)
        let figure = add("figure", in: slot)
        RadarChart(builder: self).draw(in: figure)
        add(.caption(text: "Each axis runs from 0 at the centre to 100 at the edge; 100 is the strongest case for keeping the work in-house."), in: figure)
        table(
            headers: ["Criterion", "Score", "Bar", "Band", "Weight"],
            rows: assessment.criteria.map {
                [.fixed($0.title), .varying(ReportText.score($0.score)), .fixed(ReportText.bar($0.score)), .fixed($0.band ?? "not answered"),
                 .fixed(NumberText.format($0.weight))]
            },
            in: slot, rowHeaders: true, cellClasses: [nil, "score", "bar", nil, nil])
        if let comparison { comparisonSection(comparison, in: slot) }
    }
}

extension String {
    func lowercasedFirst() -> String {
        guard let first else { return self }
        return first.lowercased() + dropFirst()
    }
}
