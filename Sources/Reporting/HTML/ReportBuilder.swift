import Assessment

/// Fills a copy of the template's frame with one assessment's sections.
///
/// Renderers never score: everything shown comes from the `Assessment` value.
struct ReportBuilder: ElementBuilding {
    let document: HTMLDocument
    let styles: StyleTable
    let assessment: Assessment
    let branding: Branding
    /// The history's view of this client, when there is one.
    var comparison: AssessmentComparison?
    /// The template's shared chart layouts and names.
    let radarLayouts: RadarLayouts
    /// The template's serialized static parts.
    let staticParts: StaticParts
    /// The slots where parts may be kept: those the Markdown writer reads as blocks.
    let slotsKeepingParts: Set<String>
    /// Whether the slot being filled is one of them.
    fileprivate(set) var keepsParts = true

    /// Adds a part that is the same in every report that has it: the bytes the template keeps for it,
    /// or its nodes when the template keeps none (or not in this slot).
    func add(_ part: StaticPart, in parent: HTMLDocument.Node) {
        if keepsParts, let facts = staticParts.fragment(for: part) {
            document.insert(facts, heldBy: staticParts, in: parent)
        } else {
            part.build(in: parent, with: PartBuilder(document: document, styles: styles, radarNames: radarLayouts.names))
        }
    }

    /// Builds every section into its slot (found by the paths the template recorded), replacing anything
    /// a slot holds (the template empties them when it loads).
    func build(slots paths: [String: [Int]]) {
        // Every slot is found before any is filled, as the paths lead through the frame as it was copied.
        let title = paths["title"].flatMap(document.node(at:))
        let slots = ReportTemplate.slots.map { name in paths[name].flatMap(document.node(at:)).map { (name, $0) } }
        if let title { document.setText("\(assessment.client.name): \(assessment.rubric.title)", of: title) }
        for case let (name, slot)? in slots {
            document.removeChildren(of: slot)
            var filler = self
            filler.keepsParts = slotsKeepingParts.contains(name)
            filler.fill(name, slot)
        }
    }

    /// A switch rather than a table of closures, each of which would hold a copy of the builder.
    private func fill(_ name: String, _ slot: HTMLDocument.Node) {
        switch name {
        case "header": header(slot)
        case "summary": summary(slot)
        case "chart": chart(slot)
        case "criteria": criteria(slot)
        case "rules": rules(slot)
        case "actions": actions(slot)
        case "coverage": coverage(slot)
        case "method": method(slot)
        case "appendix": appendix(slot)
        default: break
        }
    }
}

/// Words shared by both formats.
enum ReportText {
    static func score(_ value: Double?) -> String {
        value.map { "\(NumberText.format($0))/100" } ?? "not scored"
    }

    static func percent(_ fraction: Double) -> String {
        "\(NumberText.format(NumberText.round(fraction * 100, places: 0)))%"
    }

    /// A text bar of 20 cells for a 0...100 score: readable where the chart is not (Markdown, images off).
    static func bar(_ value: Double?) -> String {
        guard let value else { return unscoredBar }
        return bars[max(0, min(20, Int((value / 5).rounded())))]
    }

    /// Every bar, by cells filled, made once rather than for each table row.
    private static let bars = (0...20).map { String(repeating: "█", count: $0) + String(repeating: "░", count: 20 - $0) }
    private static let unscoredBar = String(repeating: "·", count: 20)

    static func verdictHeadline(_ verdict: Verdict) -> String {
        switch verdict {
        case .keepInHouse: return "Verdict: keep it in-house"
        case .hybrid: return "Verdict: hybrid (keep the voice, share the work)"
        case .outsource: return "Verdict: outsource"
        case .inconclusive: return "Verdict: inconclusive"
        }
    }
}
