/// Every style the report builder can ask for, resolved once per template, so building a report
/// costs one lookup per element instead of a cascade.
struct StyleTable: Sendable {
    /// The tags and classes the builder uses; a class outside this list still works, through the slow path.
    static let tags = [
        "h1", "h2", "h3", "p", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "strong", "div",
        "figure", "figcaption", "span",
    ]
    static let classes = ["meta", "verdict", "score", "bar", "criterion", "reason", "advice", "flag", "code", "small"]

    private let resolved: [String: String]
    private let sheet: InlineStyles

    init(_ sheet: InlineStyles) {
        self.sheet = sheet
        var resolved: [String: String] = [:]
        for tag in Self.tags {
            resolved[tag] = sheet.style(tag: tag, classes: [])
            for name in Self.classes {
                resolved["\(tag).\(name)"] = sheet.style(tag: tag, classes: [Substring(name)])
            }
        }
        self.resolved = resolved
    }

    func style(tag: String, className: String?) -> String? {
        let key = className.map { "\(tag).\($0)" } ?? tag
        if let style = resolved[key] { return style }
        if Self.tags.contains(tag) && (className == nil || Self.classes.contains(className ?? "")) { return nil }
        return sheet.style(tag: tag, classes: className.map { [Substring($0)] } ?? [])
    }
}
