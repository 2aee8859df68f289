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
    private let height = 360.0
    private let radius = 100.0
    private var centre: (x: Double, y: Double) { (width / 2, 178) }  // room for three-line labels above and below

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
        let anchor = point(index, of: count, value: 116)
        let horizontal = anchor.x - centre.x
        let alignment = abs(horizontal) < 1 ? "middle" : (horizontal > 0 ? "start" : "end")
        let lines = wrapped(criterion.title)
        // Labels above the chart grow upwards, so their last line sits just above the axis end.
        let below = anchor.y > centre.y + 1
        let firstLine = below ? anchor.y + 12 : anchor.y - Double(lines.count) * 14 + (abs(horizontal) < 1 ? 0 : 14)
        let text = builder.document.element("text", in: svg, attributes: [
            ("x", format(anchor.x)), ("y", format(firstLine)), ("text-anchor", alignment),
            ("font-family", "Arial, Helvetica, sans-serif"), ("font-size", "12"), ("fill", "#1a1a1a"),
        ])
        for (number, line) in lines.enumerated() {
            builder.document.element("tspan", in: text, attributes: [("x", format(anchor.x)), ("dy", number == 0 ? "0" : "14")], text: line)
        }
        builder.document.element("tspan", in: text, attributes: [
            ("x", format(anchor.x)), ("dy", "14"), ("font-weight", "bold"),
        ], text: criterion.score.map { NumberText.format($0) } ?? "–")
    }

    /// A title on at most three lines of about 18 characters, so side labels stay inside the drawing.
    private func wrapped(_ title: String) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in title.split(separator: " ") {
            if !current.isEmpty && current.count + 1 + word.count > 18 {
                lines.append(current)
                current = ""
                if lines.count == 3 { break }
            }
            current += current.isEmpty ? String(word) : " \(word)"
        }
        if !current.isEmpty && lines.count < 3 { lines.append(current) }
        let shown = lines.joined(separator: " ").count
        if shown < title.count, let last = lines.popLast() { lines.append(last + "…") }
        return lines
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
