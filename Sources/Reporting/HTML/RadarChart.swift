import Assessment
#if canImport(Glibc)
import Glibc
#endif

/// The criteria as an inline SVG radar chart, built node by node like the rest of the report.
///
/// Colours are attributes, not CSS, so mail clients that keep SVG keep its look; the `title` and
/// `desc` give screen readers the numbers, and the table after it serves clients that drop SVG.
struct RadarChart {
    let builder: ReportBuilder

    private let width = 560.0
    private let height = 300.0
    private let radius = 100.0
    private var centre: (x: Double, y: Double) { (width / 2, height / 2 + 4) }

    func draw(in parent: HTMLDocument.Node) {
        let criteria = builder.assessment.criteria
        let svg = builder.document.element("svg", in: parent, attributes: [
            ("xmlns", "http://www.w3.org/2000/svg"), ("viewBox", "0 0 \(Int(width)) \(Int(height))"),
            ("width", "\(Int(width))"), ("height", "\(Int(height))"), ("style", "max-width:100%;height:auto"), ("role", "img"),
            ("aria-labelledby", "radar-title radar-desc"),
        ])
        builder.document.element("title", in: svg, attributes: [("id", "radar-title")], text: "Criterion scores for \(builder.assessment.client.name)")
        let description = criteria.map { "\($0.title): \(ReportText.score($0.score))" }.joined(separator: "; ")
        builder.document.element("desc", in: svg, attributes: [("id", "radar-desc")], text: description)

        for level in [25.0, 50, 75, 100] {
            polygon(values: Array(repeating: level, count: criteria.count), in: svg,
                    attributes: [("fill", "none"), ("stroke", "#d1d5db"), ("stroke-width", "1")])
        }
        for index in criteria.indices {
            let end = point(index, of: criteria.count, value: 100)
            builder.document.element("line", in: svg, attributes: [
                ("x1", format(centre.x)), ("y1", format(centre.y)), ("x2", format(end.x)), ("y2", format(end.y)),
                ("stroke", "#d1d5db"), ("stroke-width", "1"),
            ])
        }
        polygon(values: criteria.map { $0.score ?? 0 }, in: svg, attributes: [
            ("fill", builder.branding.accent), ("fill-opacity", "0.25"), ("stroke", builder.branding.accent), ("stroke-width", "2"),
        ])
        for (index, criterion) in criteria.enumerated() {
            label(criterion, index: index, count: criteria.count, in: svg)
        }
    }

    private func label(_ criterion: CriterionResult, index: Int, count: Int, in svg: HTMLDocument.Node) {
        let anchor = point(index, of: count, value: 118)
        let horizontal = anchor.x - centre.x
        let alignment = abs(horizontal) < 1 ? "middle" : (horizontal > 0 ? "start" : "end")
        let text = builder.document.element("text", in: svg, attributes: [
            ("x", format(anchor.x)), ("y", format(anchor.y + (anchor.y > centre.y ? 12 : 0))), ("text-anchor", alignment),
            ("font-family", "Arial, Helvetica, sans-serif"), ("font-size", "12"), ("fill", "#1a1a1a"),
        ])
        builder.document.text(shortTitle(criterion.title), in: text)
        builder.document.element("tspan", in: text, attributes: [
            ("x", format(anchor.x)), ("dy", "14"), ("font-weight", "bold"),
        ], text: criterion.score.map { NumberText.format($0) } ?? "–")
    }

    /// Long titles are cut at a word so labels stay inside the drawing.
    private func shortTitle(_ title: String) -> String {
        guard title.count > 34 else { return title }
        var words: [Substring] = []
        for word in title.split(separator: " ") {
            if (words + [word]).joined(separator: " ").count > 32 { break }
            words.append(word)
        }
        return words.joined(separator: " ") + "…"
    }

    private func polygon(values: [Double], in svg: HTMLDocument.Node, attributes: [(String, String)]) {
        let points = values.enumerated().map { index, value in
            let spot = point(index, of: values.count, value: value)
            return "\(format(spot.x)),\(format(spot.y))"
        }.joined(separator: " ")
        builder.document.element("polygon", in: svg, attributes: [("points", points)] + attributes)
    }

    /// Axis `index` of `count`, starting straight up and going clockwise; `value` 0...100 along it.
    private func point(_ index: Int, of count: Int, value: Double) -> (x: Double, y: Double) {
        let angle = -Double.pi / 2 + 2 * Double.pi * Double(index) / Double(max(count, 1))
        let distance = radius * max(0, min(value, 118)) / 100
        return (centre.x + distance * cos(angle), centre.y + distance * sin(angle))
    }

    /// Whole pixels: exact enough for a chart, and integer formatting is cheap.
    private func format(_ value: Double) -> String {
        String(Int(value.rounded()))
    }
}
