import Assessment
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The criteria as an inline SVG radar chart, built node by node like the rest of the report.
///
/// Colours are attributes, not CSS, so mail clients that keep SVG keep its look; the `title` and
/// `desc` give screen readers the numbers, and the table after it serves clients that drop SVG.
/// Everything that depends only on the criteria's titles (the grid, where each label goes and how it
/// wraps) is worked out once per rubric (`RadarLayouts`); a report adds its scores.
struct RadarChart {
    let builder: ReportBuilder

    private static let width = 560.0
    private static let height = 360.0
    private static let radius = 100.0
    private static let centre = (x: width / 2, y: 178.0)  // room for three-line labels above and below

    func draw(in parent: HTMLDocument.Node) {
        let criteria = builder.assessment.criteria
        let document = builder.document
        let svg = document.element("svg", in: parent, attributes: [
            ("xmlns", "http://www.w3.org/2000/svg"), ("viewBox", "0 0 \(Int(Self.width)) \(Int(Self.height))"),
            ("width", "\(Int(Self.width))"), ("height", "\(Int(Self.height))"), ("style", "max-width:100%;height:auto"), ("role", "img"),
            ("aria-labelledby", "radar-title radar-desc"),
        ])
        document.element("title", in: svg, attributes: [("id", "radar-title")], text: "Criterion scores for \(builder.assessment.client.name)")
        let description = criteria.map { "\($0.title): \(ReportText.score($0.score))" }.joined(separator: "; ")
        document.element("desc", in: svg, attributes: [("id", "radar-desc")], text: description)

        let layout = builder.radarLayouts.layout(for: criteria.map(\.title))
        // The grid (rings at 25, 50, 75 and 100, and the axes) is one path: the same strokes as separate
        // shapes, in one element, because every element and attribute costs time in each report.
        if let grid = layout.grid {
            document.element("path", in: svg, attributes: [("fill", "none"), ("stroke", "#d1d5db"), ("stroke-width", "1"), ("d", grid)])
        }
        let points = criteria.indices.map { index in
            Self.coordinates(Self.point(index, of: criteria.count, value: criteria[index].score ?? 0))
        }.joined(separator: " ")
        document.element("polygon", in: svg, attributes: [
            ("points", points), ("fill", builder.branding.accent), ("fill-opacity", "0.25"), ("stroke", builder.branding.accent),
            ("stroke-width", "2"),
        ])
        let labels = document.element("g", in: svg, attributes: [
            ("font-family", "Arial, Helvetica, sans-serif"), ("font-size", "12"), ("fill", "#1a1a1a"),
        ])
        for (criterion, label) in zip(criteria, layout.labels) {
            let text = document.element("text", in: labels, attributes: [("x", label.x), ("y", label.y), ("text-anchor", label.anchor)])
            for (number, line) in label.lines.enumerated() {
                document.element("tspan", in: text, attributes: [("x", label.x), ("dy", number == 0 ? "0" : "14")], text: line)
            }
            document.element("tspan", in: text, attributes: [("x", label.x), ("dy", "14"), ("font-weight", "bold")],
                             text: criterion.score.map { NumberText.format($0) } ?? "–")
        }
    }

    /// The fixed parts of the chart for criteria with these titles, in this order.
    static func layout(titles: [String]) -> RadarLayout {
        let count = titles.count
        var grid: String?
        if count > 0 {
            var parts: [String] = []
            for level in [25.0, 50, 75, 100] {
                parts.append("M" + (0..<count).map { coordinates(point($0, of: count, value: level)) }.joined(separator: " ") + "Z")
            }
            for index in 0..<count {
                parts.append("M\(coordinates(centre)) \(coordinates(point(index, of: count, value: 100)))")
            }
            grid = parts.joined(separator: " ")
        }
        let labels = titles.enumerated().map { index, title in
            let anchor = point(index, of: count, value: 116)
            let horizontal = anchor.x - centre.x
            let alignment = abs(horizontal) < 1 ? "middle" : (horizontal > 0 ? "start" : "end")
            let lines = wrapped(title)
            // Labels above the chart grow upwards, so their last line sits just above the axis end.
            let below = anchor.y > centre.y + 1
            let firstLine = below ? anchor.y + 12 : anchor.y - Double(lines.count) * 14 + (abs(horizontal) < 1 ? 0 : 14)
            return RadarLayout.Label(x: format(anchor.x), y: format(firstLine), anchor: alignment, lines: lines)
        }
        return RadarLayout(grid: grid, labels: labels)
    }

    /// A title on at most three lines of about 18 characters, so side labels stay inside the drawing.
    private static func wrapped(_ title: String) -> [String] {
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

    /// Axis `index` of `count`, starting straight up and going clockwise; `value` 0...100 along it.
    private static func point(_ index: Int, of count: Int, value: Double) -> (x: Double, y: Double) {
        let angle = -Double.pi / 2 + 2 * Double.pi * Double(index) / Double(max(count, 1))
        let distance = radius * max(0, min(value, 118)) / 100
        return (centre.x + distance * cos(angle), centre.y + distance * sin(angle))
    }

    private static func coordinates(_ spot: (x: Double, y: Double)) -> String {
        "\(format(spot.x)),\(format(spot.y))"
    }

    /// Whole pixels: exact enough for a chart, and integer formatting is cheap.
    private static func format(_ value: Double) -> String {
        String(Int(value.rounded()))
    }
}

/// Where the chart's fixed parts go for one list of criterion titles.
struct RadarLayout: Sendable {
    struct Label: Sendable {
        var x: String
        var y: String
        var anchor: String
        var lines: [String]
    }

    /// The rings and axes as path data; nil when there are no criteria.
    var grid: String?
    var labels: [Label]
}

/// Chart layouts by criterion titles, shared by every report (and thread) of one template. Entries are
/// values, never changed once stored; the lock guards only the dictionary.
final class RadarLayouts: Sendable {
    /// Enough for every rubric a firm uses at once; past it, layouts are made per report (still correct).
    private static let limit = 64
    private let cache = Mutex<[[String]: RadarLayout]>([:])

    func layout(for titles: [String]) -> RadarLayout {
        if let found = cache.withLock({ $0[titles] }) { return found }
        let made = RadarChart.layout(titles: titles)
        cache.withLock { if $0.count < Self.limit { $0[titles] = made } }
        return made
    }
}
