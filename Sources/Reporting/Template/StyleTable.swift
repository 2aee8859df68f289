/// Every style the report builder can ask for, resolved once per template, so building a report
/// costs one lookup per element instead of a cascade.
struct StyleTable: Sendable {
    /// The tags and classes the builder uses; a class outside this list still works, through the slow path.
    static let tags = [
        "h1", "h2", "h3", "p", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "strong", "div",
        "figure", "figcaption", "span",
    ]
    static let classes = ["meta", "verdict", "score", "bar", "criterion", "reason", "advice", "flag", "code", "small"]

    /// The names and values of every element the builder adds, interned for every report's document.
    let names: HTMLNames
    /// The attribute names and values the builder itself adds.
    let common: CommonNames

    /// Every listed (tag, class) pair, by position in the lists: `tags.count` rows of one entry for no
    /// class and one per listed class.
    private let resolved: [ElementStyle]
    /// The positions of the listed tags and classes by `slot` (seldom more than one in a slot): cheaper
    /// to find than by hashing the name.
    private let tagPositions: [[Int]]
    private let classPositions: [[Int]]
    private let sheet: InlineStyles

    /// Resolves every known pair; `otherNames` are interned beside them (the chart's names and values).
    init(_ sheet: InlineStyles, alsoInterning otherNames: [String]) {
        self.sheet = sheet
        let pairs = Self.tags.flatMap { tag in ([nil] + Self.classes.map(Optional.some)).map { (tag: tag, className: $0) } }
        let styles = pairs.map { sheet.style(tag: $0.tag, classes: $0.className.map { [Substring($0)] } ?? []) }
        let names = HTMLNames(Self.tags + Self.classes + CommonNames.strings + styles.compactMap { $0 } + otherNames)
        resolved = zip(pairs, styles).map { pair, style in
            ElementStyle(tag: names.required(pair.tag), className: pair.className.map(names.required), style: style.map(names.required))
        }
        self.names = names
        self.common = CommonNames(names)
        tagPositions = Self.positions(of: Self.tags)
        classPositions = Self.positions(of: Self.classes)
    }

    /// The element's interned name, class and style. A tag or class outside the lists is looked up in
    /// the sheet and interned in `document`'s own dictionary, so the result serves that document only.
    func element(tag: String, className: String?, in document: HTMLDocument) -> ElementStyle {
        if let row = tagPositions[Self.slot(tag)].first(where: { Self.tags[$0] == tag }), let column = column(of: className) {
            return resolved[row * (Self.classes.count + 1) + column]
        }
        let style = sheet.style(tag: tag, classes: className.map { [Substring($0)] } ?? [])
        return ElementStyle(tag: document.intern(tag), className: className.map(document.intern), style: style.map(document.intern))
    }
}

extension StyleTable {
    /// 0 for no class, one more than its position for a listed class, nil for any other.
    private func column(of className: String?) -> Int? {
        guard let className else { return 0 }
        guard let position = classPositions[Self.slot(className)].first(where: { Self.classes[$0] == className }) else { return nil }
        return position + 1
    }

    private static func positions(of names: [String]) -> [[Int]] {
        var positions = [[Int]](repeating: [], count: 256)
        for (position, name) in names.enumerated() { positions[slot(name)].append(position) }
        return positions
    }

    /// A name's length, first and last byte, mixed into 0..<256.
    static func slot(_ name: String) -> Int {
        name.utf8.withContiguousStorageIfAvailable { bytes in
            guard let first = bytes.first, let last = bytes.last else { return 0 }
            return (Int(first) &+ Int(last) &* 31 &+ bytes.count &* 7) & 0xFF
        } ?? 0
    }
}

/// One (tag, class) pair as the builder writes it: name, `class` and `style`, all interned.
struct ElementStyle: Sendable {
    let tag: InternedString
    let className: InternedString?
    let style: InternedString?
}

/// The attribute names and values the builder adds to elements.
struct CommonNames: Sendable {
    static let strings = ["class", "style", "scope", "col", "row"]

    let classAttribute, style, scope, column, row: InternedString

    init(_ names: HTMLNames) {
        classAttribute = names.required("class")
        style = names.required("style")
        scope = names.required("scope")
        column = names.required("col")
        row = names.required("row")
    }
}
