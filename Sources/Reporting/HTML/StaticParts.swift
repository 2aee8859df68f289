import Synchronization

/// The serialized static parts of one template, made on first use and shared by every report made
/// from it, on any thread (a batch gives each worker thread a template of its own). A part once stored
/// is never replaced nor dropped; the lock guards only the table.
final class StaticParts: Sendable {
    /// Enough for every rubric a firm uses at once; past it, new parts are built as nodes in each report.
    static let defaultLimit = 8192
    let limit: Int
    private let fragments = Mutex(StaticPartTable())
    /// False to build every part in every report, as tests do to compare the two ways.
    let keepsFragments: Bool
    private let styles: StyleTable
    private let radarNames: RadarNames

    init(keepsFragments: Bool, styles: StyleTable, radarNames: RadarNames, limit: Int = defaultLimit) {
        self.limit = limit
        self.keepsFragments = keepsFragments
        self.styles = styles
        self.radarNames = radarNames
    }

    /// How many parts are kept.
    var count: Int { fragments.withLock { $0.count } }

    /// The facts of the part's fragment, made the first time it is asked for; nil when parts are not
    /// kept, when the store is full, or when the part cannot be a fragment. Valid as long as this
    /// store: it never lets go of a fragment.
    func fragment(for part: StaticPart) -> UnsafeMutablePointer<FragmentFacts>? {
        guard keepsFragments else { return nil }
        let sample = part.sampled
        if let found = fragments.withLock({ $0.fragment(for: part, sample: sample) }) { return found }
        guard count < limit else { return nil }
        let made = SerializedFragment(role: part.role, names: styles.names) { scratch, container in
            part.build(in: container, with: PartBuilder(document: scratch, styles: styles, radarNames: radarNames))
        }
        guard let made else { return nil }
        // Another thread may have made the same part meanwhile: the first one stored is the one used.
        return fragments.withLock { stored in
            if let first = stored.fragment(for: part, sample: sample) { return first }
            guard stored.count < limit else { return nil }
            stored.insert(made, for: part, sample: sample)
            return made.facts
        }
    }
}
