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
    /// Inside the chart's `svg`.
    case chartBackdrop(RadarLayout)

    func build(in parent: HTMLDocument.Node, with builder: PartBuilder) {
        switch self {
        case .heading(let level, let text): builder.add(Self.headings[min(max(level, 1), 6) - 1], in: parent, text: text)
        case .paragraph(let text, let className): builder.add("p", in: parent, class: className, text: text)
        case .labelled(let label, let text, let className): builder.labelled(label, text, in: parent, class: className)
        case .caption(let text): builder.add("figcaption", in: parent, text: text)
        case .chartBackdrop(let layout): RadarChart.drawBackdrop(layout, in: parent, with: builder)
        }
    }

    private static let headings = ["h1", "h2", "h3", "h4", "h5", "h6"]
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
