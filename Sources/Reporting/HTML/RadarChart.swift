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

    static let width = 560.0
    static let height = 360.0
    private static let radius = 100.0
    private static let centre = (x: width / 2, y: 178.0)  // room for three-line labels above and below

    func draw(in parent: HTMLDocument.Node) {
        let criteria = builder.assessment.criteria
        let document = builder.document
        let names = builder.radarLayouts.names
        // In the SVG namespace, declared on the root as its `xmlns`: libxml2's HTML serializer then
        // writes the elements made here for each report without looking each name up in its table of
        // HTML tags. (The backdrop's, serialized once, need not be.)
        let svg = document.element(names.svg, in: parent)
        let namespace = document.declareNamespace(RadarNames.namespace, on: svg)
        names.svgAttributes.forEach { document.addAttribute($0.name, $0.value, on: svg) }
        let title = document.element(names.title, in: svg, namespace: namespace)
        names.titleAttributes.forEach { document.addAttribute($0.name, $0.value, on: title) }
        document.text("Criterion scores for \(builder.assessment.client.name)", in: title)
        let description = document.element(names.description, in: svg, namespace: namespace)
        names.descriptionAttributes.forEach { document.addAttribute($0.name, $0.value, on: description) }
        // "Title: 72/100; ..." joined in one byte buffer rather than a string per criterion.
        var spoken: [UInt8] = []
        spoken.reserveCapacity(256)
        for (position, criterion) in criteria.enumerated() {
            if position > 0 { spoken.append(utf8Of: "; ") }
            spoken.append(utf8Of: criterion.title)
            spoken.append(utf8Of: ": ")
            spoken.append(utf8Of: ReportText.score(criterion.score))
        }
        document.text(utf8: spoken, in: description)

        let layout = builder.radarLayouts.layout(for: criteria.map(\.title))
        // The grid and the labels first: the same in every report of the rubric, so kept as a fragment. The
        // labels sit outside the rings, so the area drawn after them covers none of them.
        builder.add(.chartBackdrop(layout), in: svg)
        let points = criteria.indices.map { index in
            Self.coordinates(Self.point(index, of: criteria.count, value: criteria[index].score ?? 0))
        }.joined(separator: " ")
        let area = document.element(names.polygon, in: svg, namespace: namespace)
        document.addAttribute(names.points, points, on: area)
        names.areaAttributes.forEach { document.addAttribute($0.name, $0.value, on: area) }
        let scores = document.element(names.group, in: svg, namespace: namespace)
        names.scoresAttributes.forEach { document.addAttribute($0.name, $0.value, on: scores) }
        for (criterion, label) in zip(criteria, layout.labels) {
            let text = document.element(names.text, in: scores, namespace: namespace)
            document.addCleanAttribute(names.x, label.x, on: text)
            document.addCleanAttribute(names.y, label.scoreY, on: text)
            document.addAttribute(names.textAnchor, names.anchor(label.anchor), on: text)
            document.text(criterion.score.map { NumberText.format($0) } ?? "–", in: text)
        }
    }

    /// The grid (rings at 25, 50, 75 and 100, and the axes, as one path: every element and attribute
    /// costs time in each report) and each criterion's title beside its axis.
    static func drawBackdrop(_ layout: RadarLayout, in svg: HTMLDocument.Node, with builder: PartBuilder) {
        let document = builder.document
        let names = builder.radarNames
        if let grid = layout.grid {
            let path = document.element(names.path, in: svg)
            names.gridAttributes.forEach { document.addAttribute($0.name, $0.value, on: path) }
            document.addCleanAttribute(names.pathData, grid, on: path)
        }
        let labels = document.element(names.group, in: svg)
        names.labelsAttributes.forEach { document.addAttribute($0.name, $0.value, on: labels) }
        for label in layout.labels {
            let text = document.element(names.text, in: labels)
            document.addCleanAttribute(names.x, label.x, on: text)
            document.addCleanAttribute(names.y, label.y, on: text)
            document.addAttribute(names.textAnchor, names.anchor(label.anchor), on: text)
            for (number, line) in label.lines.enumerated() {
                let span = document.element(names.tspan, in: text)
                document.addCleanAttribute(names.x, label.x, on: span)
                document.addAttribute(names.lineShift, number == 0 ? names.firstLine : names.nextLine, on: span)
                document.text(line, in: span)
            }
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
            let alignment: RadarLayout.Anchor = abs(horizontal) < 1 ? .middle : (horizontal > 0 ? .start : .end)
            let lines = wrapped(title)
            // Labels above the chart grow upwards, so their last line sits just above the axis end.
            let below = anchor.y > centre.y + 1
            let firstLine = below ? anchor.y + 12 : anchor.y - Double(lines.count) * 14 + (abs(horizontal) < 1 ? 0 : 14)
            // The score goes on the line after the title's last.
            let scoreY = firstLine + Double(lines.count) * 14
            return RadarLayout.Label(x: format(anchor.x), y: format(firstLine), scoreY: format(scoreY), anchor: alignment, lines: lines)
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
struct RadarLayout: Hashable, Sendable {
    enum Anchor: Hashable, Sendable {
        case start, middle, end
    }

    /// Coordinates are whole numbers, so the strings need no cleaning.
    struct Label: Hashable, Sendable {
        var x: String
        /// Of the title's first line, and of the score below its last.
        var y: String
        var scoreY: String
        var anchor: Anchor
        var lines: [String]
    }

    /// The rings and axes as path data (numbers, spaces, commas and letters); nil when there are no criteria.
    var grid: String?
    var labels: [Label]
}

/// Chart layouts by criterion titles, shared by every report (and thread) of one template, and the
/// chart's interned names. Entries are values, never changed once stored; the lock guards only the dictionary.
final class RadarLayouts: Sendable {
    /// Enough for every rubric a firm uses at once; past it, layouts are made per report (still correct).
    private static let limit = 64
    private let cache = Mutex<[[String]: RadarLayout]>([:])
    let names: RadarNames

    init(names: RadarNames) {
        self.names = names
    }

    func layout(for titles: [String]) -> RadarLayout {
        if let found = cache.withLock({ $0[titles] }) { return found }
        let made = RadarChart.layout(titles: titles)
        cache.withLock { if $0.count < Self.limit { $0[titles] = made } }
        return made
    }
}
