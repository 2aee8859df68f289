/// Every style the report builder can ask for, resolved once per template, so building a report
/// costs one lookup per element instead of a cascade.
struct StyleTable: Sendable {
    /// The tags and classes the builder uses; a class outside this list still works, through the slow path.
    static let tags = [
        "h1", "h2", "h3", "p", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "strong", "div",
        "figure", "figcaption", "span",
    ]
    static let classes = ["meta", "verdict", "score", "bar", "criterion", "reason", "advice", "flag", "code", "small"]

    private struct Key: Hashable {
        var tag: String
        var className: String?
    }

    /// Every known (tag, class) pair, with nil where the sheet says nothing, so a lookup is one hash.
    private let resolved: [Key: String?]
    private let sheet: InlineStyles

    init(_ sheet: InlineStyles) {
        self.sheet = sheet
        var resolved: [Key: String?] = [:]
        for tag in Self.tags {
            resolved[Key(tag: tag, className: nil)] = .some(sheet.style(tag: tag, classes: []).map(HTMLText.clean))
            for name in Self.classes {
                resolved[Key(tag: tag, className: name)] = .some(sheet.style(tag: tag, classes: [Substring(name)]).map(HTMLText.clean))
            }
        }
        self.resolved = resolved
    }

    /// The `style` attribute for an element, already cleaned of characters HTML forbids.
    func style(tag: String, className: String?) -> String? {
        if let style = resolved[Key(tag: tag, className: className)] { return style }
        return sheet.style(tag: tag, classes: className.map { [Substring($0)] } ?? []).map(HTMLText.clean)
    }
}
