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

    /// Every known (tag, class) pair, so a lookup is one hash.
    private let resolved: [StyleKey: ElementStyle]
    private let sheet: InlineStyles

    /// Resolves every known pair; `otherNames` are interned beside them (the chart's names and values).
    init(_ sheet: InlineStyles, alsoInterning otherNames: [String]) {
        self.sheet = sheet
        var styles: [StyleKey: String] = [:]
        for tag in Self.tags {
            for className in [nil] + Self.classes.map(Optional.some) {
                styles[StyleKey(tag: tag, className: className)] = sheet.style(tag: tag, classes: className.map { [Substring($0)] } ?? [])
            }
        }
        let names = HTMLNames(Self.tags + Self.classes + CommonNames.strings + styles.values + otherNames)
        resolved = Dictionary(uniqueKeysWithValues: Self.tags.flatMap { tag in
            ([nil] + Self.classes.map(Optional.some)).map { className in
                let key = StyleKey(tag: tag, className: className)
                return (key, ElementStyle(
                    tag: names.required(tag), className: className.map(names.required), style: styles[key].map(names.required)))
            }
        })
        self.names = names
        self.common = CommonNames(names)
    }

    /// The element's interned name, class and style. A tag or class outside the lists is looked up in
    /// the sheet and interned in `document`'s own dictionary, so the result serves that document only.
    func element(tag: String, className: String?, in document: HTMLDocument) -> ElementStyle {
        if let known = resolved[StyleKey(tag: tag, className: className)] { return known }
        let style = sheet.style(tag: tag, classes: className.map { [Substring($0)] } ?? [])
        return ElementStyle(tag: document.intern(tag), className: className.map(document.intern), style: style.map(document.intern))
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

private struct StyleKey: Hashable {
    var tag: String
    var className: String?
}
