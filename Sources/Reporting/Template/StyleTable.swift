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
    /// Each listed tag's and class's position, by `digest`; cheaper to find than by hashing the name.
    private let tagPositions: [UInt32: Int]
    private let classPositions: [UInt32: Int]
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
        tagPositions = Dictionary(uniqueKeysWithValues: Self.tags.enumerated().map { (Self.digest($1), $0) })
        classPositions = Dictionary(uniqueKeysWithValues: Self.classes.enumerated().map { (Self.digest($1), $0) })
    }

    /// The element's interned name, class and style. A tag or class outside the lists is looked up in
    /// the sheet and interned in `document`'s own dictionary, so the result serves that document only.
    func element(tag: String, className: String?, in document: HTMLDocument) -> ElementStyle {
        if let row = tagPositions[Self.digest(tag)], Self.tags[row] == tag, let column = column(of: className) {
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
        guard let position = classPositions[Self.digest(className)], Self.classes[position] == className else { return nil }
        return position + 1
    }

    /// A name's length, first and last byte: different for every listed tag, and for every listed class
    /// (`init` stops at once, building the positions, if a new name breaks that).
    static func digest(_ name: String) -> UInt32 {
        name.utf8.withContiguousStorageIfAvailable { bytes in
            guard let first = bytes.first, let last = bytes.last else { return 0 }
            return UInt32(truncatingIfNeeded: bytes.count) << 16 | UInt32(first) << 8 | UInt32(last)
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
