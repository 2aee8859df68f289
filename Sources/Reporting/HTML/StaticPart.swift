import Synchronization

/// A part of a report that depends only on the template and on what the part holds (a section's
/// heading, what a criterion measures, the chart's grid and labels), never on the client.
///
/// Its nodes are built the one way below, from its values alone; the template keeps libxml2's
/// serialization of them (`StaticParts`), so the next report with the same part inserts those bytes.
/// The value is the key: two parts that are equal build the same nodes.
enum StaticPart: Hashable, Sendable {
    case heading(level: Int, text: String)
    case paragraph(text: String, className: String? = nil)
    /// A paragraph with a bold lead-in (`ElementBuilding.labelled`).
    case labelled(label: String, text: String, className: String?)
    case caption(text: String)
    /// A table's `thead`: one row of column headers.
    case tableHead(headers: [String])
    /// One `th` row header or one `td`.
    case cell(rowHeader: Bool, text: String, className: String?)
    /// Inside the chart's `svg`.
    case chartBackdrop(RadarLayout)

    func build(in parent: HTMLDocument.Node, with builder: PartBuilder) {
        switch self {
        case .heading(let level, let text): builder.add(Self.headings[min(max(level, 1), 6) - 1], in: parent, text: text)
        case .paragraph(let text, let className): builder.add("p", in: parent, class: className, text: text)
        case .labelled(let label, let text, let className): builder.labelled(label, text, in: parent, class: className)
        case .caption(let text): builder.add("figcaption", in: parent, text: text)
        case .chartBackdrop(let layout): RadarChart.drawBackdrop(layout, in: parent, with: builder)
        case .tableHead(let headers):
            let row = builder.add("tr", in: builder.add("thead", in: parent))
            let header = builder.styles.element(tag: "th", className: nil, in: builder.document)
            for text in headers { builder.add(header, in: row, text: text, scope: builder.styles.common.column) }
        case .cell(let rowHeader, let text, let className):
            let cell = builder.styles.element(tag: rowHeader ? "th" : "td", className: className, in: builder.document)
            builder.add(cell, in: parent, text: text, scope: rowHeader ? builder.styles.common.row : nil)
        }
    }

    private static let headings = ["h1", "h2", "h3", "h4", "h5", "h6"]

    /// Hashes a sample of each text (its length and its first and last bytes) rather than all of it:
    /// every report looks up dozens of parts, some a paragraph long. Equality still compares whole
    /// values, so parts that share a sample only share a bucket.
    func hash(into hasher: inout Hasher) {
        switch self {
        case .heading(let level, let text):
            hasher.combine(0)
            hasher.combine(level)
            Self.sample(text, into: &hasher)
        case .paragraph(let text, let className):
            hasher.combine(1)
            Self.sample(text, into: &hasher)
            hasher.combine(className)
        case .labelled(let label, let text, let className):
            hasher.combine(2)
            Self.sample(label, into: &hasher)
            Self.sample(text, into: &hasher)
            hasher.combine(className)
        case .caption(let text):
            hasher.combine(3)
            Self.sample(text, into: &hasher)
        case .chartBackdrop(let layout):
            hasher.combine(4)
            hasher.combine(layout.labels.count)
            Self.sample(layout.grid ?? "", into: &hasher)
            for label in layout.labels { Self.sample(label.lines.last ?? "", into: &hasher) }
        case .tableHead(let headers):
            hasher.combine(5)
            hasher.combine(headers.count)
            for header in headers { Self.sample(header, into: &hasher) }
        case .cell(let rowHeader, let text, let className):
            hasher.combine(6)
            hasher.combine(rowHeader)
            Self.sample(text, into: &hasher)
            hasher.combine(className)
        }
    }

    private static func sample(_ text: String, into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { bytes in
            hasher.combine(bytes.count)
            let raw = UnsafeRawBufferPointer(bytes)
            guard raw.count > 32 else { return hasher.combine(bytes: raw) }
            hasher.combine(bytes: UnsafeRawBufferPointer(rebasing: raw[..<16]))
            hasher.combine(bytes: UnsafeRawBufferPointer(rebasing: raw[(raw.count - 16)...]))
        }
    }
}

/// What building a static part needs: the document, the sheet and the chart's names, and no assessment.
struct PartBuilder: ElementBuilding {
    let document: HTMLDocument
    let styles: StyleTable
    let radarNames: RadarNames
}

/// The serialized static parts of one template, made on first use and shared by every report and
/// thread. Entries are never changed once stored; the lock guards only the dictionary.
final class StaticParts: Sendable {
    /// Enough for every rubric a firm uses at once; past it, parts are built in each report (still correct).
    private static let limit = 8192
    private let fragments = Mutex<[StaticPart: SerializedFragment]>([:])
    /// False to build every part in every report, as tests do to compare the two ways.
    let keepsFragments: Bool

    init(keepsFragments: Bool) {
        self.keepsFragments = keepsFragments
    }

    /// How many parts are kept.
    var count: Int { fragments.withLock { $0.count } }

    /// The part's fragment, made with `styles` and `radarNames` when it is new; nil when parts are not kept.
    func fragment(for part: StaticPart, styles: StyleTable, radarNames: RadarNames) -> SerializedFragment? {
        guard keepsFragments else { return nil }
        if let found = fragments.withLock({ $0[part] }) { return found }
        let made = SerializedFragment(names: styles.names) { scratch, container in
            part.build(in: container, with: PartBuilder(document: scratch, styles: styles, radarNames: radarNames))
        }
        if let made { fragments.withLock { if $0.count < Self.limit { $0[part] = made } } }
        return made
    }
}
