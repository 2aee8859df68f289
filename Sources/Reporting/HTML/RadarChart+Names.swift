/// The chart's element and attribute names, and the attributes that are the same in every report,
/// interned once per template (`HTMLNames`): a report's chart then copies none of them.
struct RadarNames: Sendable {
    typealias Attribute = (name: InternedString, value: InternedString)

    private static let size = (width: Int(RadarChart.width), height: Int(RadarChart.height))
    static let namespace = "http://www.w3.org/2000/svg"
    /// After the `xmlns` the namespace declaration writes.
    private static let svg = [
        ("viewBox", "0 0 \(size.width) \(size.height)"), ("width", "\(size.width)"),
        ("height", "\(size.height)"), ("style", "max-width:100%;height:auto"), ("role", "img"),
        ("aria-labelledby", "radar-title radar-desc"),
    ]
    private static let title = [("id", "radar-title")]
    private static let description = [("id", "radar-desc")]
    /// Before the path data.
    private static let grid = [("fill", "none"), ("stroke", "#d1d5db"), ("stroke-width", "1")]
    /// After the points; the colour is the firm's accent.
    private static func area(accent: String) -> [(String, String)] {
        [("fill", accent), ("fill-opacity", "0.25"), ("stroke", accent), ("stroke-width", "2")]
    }
    private static let labels = [("font-family", "Arial, Helvetica, sans-serif"), ("font-size", "12"), ("fill", "#1a1a1a")]
    /// The scores', which are the labels' in bold.
    private static let scores = labels + [("font-weight", "bold")]
    private static let others = ["svg", "title", "desc", "path", "polygon", "g", "text", "tspan", "d", "points", "x", "y",
                                 "text-anchor", "start", "middle", "end", "dy", "0", "14"]

    /// Every string the chart interns, for `HTMLNames`.
    static func strings(accent: String) -> [String] {
        let fixed = svg + title + description + grid + area(accent: accent) + labels + scores
        return fixed.flatMap { [$0.0, $0.1] } + others
    }

    let svg, title, description, path, polygon, group, text, tspan: InternedString
    let svgAttributes, titleAttributes, descriptionAttributes, gridAttributes, areaAttributes, labelsAttributes,
        scoresAttributes: [Attribute]
    let pathData, points, x, y, textAnchor, lineShift: InternedString
    /// `dy` of a label's first line, and of the lines after it.
    let firstLine, nextLine: InternedString
    private let start, middle, end: InternedString

    /// `names` must hold `strings(accent:)`.
    init(_ names: HTMLNames, accent: String) {
        func interned(_ pairs: [(String, String)]) -> [Attribute] {
            pairs.map { (names.required($0.0), names.required($0.1)) }
        }
        svg = names.required("svg")
        title = names.required("title")
        description = names.required("desc")
        path = names.required("path")
        polygon = names.required("polygon")
        group = names.required("g")
        text = names.required("text")
        tspan = names.required("tspan")
        svgAttributes = interned(Self.svg)
        titleAttributes = interned(Self.title)
        descriptionAttributes = interned(Self.description)
        gridAttributes = interned(Self.grid)
        areaAttributes = interned(Self.area(accent: accent))
        labelsAttributes = interned(Self.labels)
        scoresAttributes = interned(Self.scores)
        pathData = names.required("d")
        points = names.required("points")
        x = names.required("x")
        y = names.required("y")
        textAnchor = names.required("text-anchor")
        lineShift = names.required("dy")
        firstLine = names.required("0")
        nextLine = names.required("14")
        start = names.required("start")
        middle = names.required("middle")
        end = names.required("end")
    }

    func anchor(_ anchor: RadarLayout.Anchor) -> InternedString {
        switch anchor {
        case .start: return start
        case .middle: return middle
        case .end: return end
        }
    }
}
