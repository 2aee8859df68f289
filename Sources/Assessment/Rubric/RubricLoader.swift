import RuleExpressions

/// Reads a rubric file and checks all of it, reporting every problem at once.
public enum RubricLoader {
    static let topLevelKeys = [
        "id", "title", "version", "description", "source", "min_coverage",
        "criterion_bands", "bands", "criteria", "questions", "rules",
    ]

    /// Loads and checks the rubric at `path`.
    public static func load(path: String) throws(DiagnosticsError) -> Rubric {
        let bytes = try InputFile.read(path)
        return try load(bytes: bytes, path: path)
    }

    /// Loads and checks a rubric from its bytes; `path` names it in diagnostics.
    public static func load(bytes: [UInt8], path: String) throws(DiagnosticsError) -> Rubric {
        let source = try DocumentReader.decode(bytes, path: path)
        let root = try DocumentReader.read(source)
        let checker = DocumentChecker(source: source)
        let origin = RubricOrigin(path: path, sha256: SHA256Digest.hex(of: bytes), bytes: bytes)
        guard let rubric = build(root, checker: checker, origin: origin), checker.diagnostics.isEmpty else {
            throw DiagnosticsError(checker.diagnostics.sorted { ($0.location ?? .init(line: 0, column: 0)) < ($1.location ?? .init(line: 0, column: 0)) })
        }
        return rubric
    }

    private static func build(_ root: DocumentNode, checker: DocumentChecker, origin: RubricOrigin) -> Rubric? {
        guard let top = checker.fields(root, "the rubric", keys: topLevelKeys,
            required: ["id", "title", "version", "description", "source", "min_coverage", "bands", "criteria", "questions"])
        else { return nil }

        let id = checker.string(top["id"], "id") ?? ""
        if let node = top["id"], !isIdentifier(id, allowDash: true) {
            checker.error("the rubric id '\(id)' must be lowercase letters, digits, '-' and '_'", at: node)
        }
        let coverage = checker.number(top["min_coverage"], "min_coverage") ?? 0
        if let node = top["min_coverage"], !(0...1).contains(coverage) {
            checker.error("min_coverage must be between 0 and 1, found \(coverage)", at: node)
        }
        let criteria = readCriteria(top["criteria"], checker: checker)
        let criterionBands = readCriterionBands(top["criterion_bands"], checker: checker)
        let questions = readQuestions(top["questions"], criteria: criteria, checker: checker)
        let environment = RuleNames.environment(questions: questions, criteria: criteria)
        let rules = readRules(top["rules"], criteria: criteria, environment: environment, checker: checker)

        return Rubric(
            id: id,
            title: checker.string(top["title"], "title") ?? "",
            version: checker.string(top["version"], "version") ?? "",
            description: checker.string(top["description"], "description") ?? "",
            source: readSource(top["source"], checker: checker),
            minimumCoverage: coverage,
            criterionBands: criterionBands,
            bands: readVerdictBands(top["bands"], checker: checker),
            criteria: criteria,
            questions: questions,
            rules: rules,
            origin: origin,
            environment: environment)
    }

    private static func readSource(_ node: DocumentNode?, checker: DocumentChecker) -> RubricSource {
        guard let node, let fields = checker.fields(node, "source", keys: ["title", "author", "date", "note"], required: ["title"])
        else { return RubricSource(title: "") }
        return RubricSource(
            title: checker.string(fields["title"], "source title") ?? "",
            author: checker.string(fields["author"], "source author"),
            date: checker.string(fields["date"], "source date"),
            note: checker.string(fields["note"], "source note"))
    }

    private static func readCriteria(_ node: DocumentNode?, checker: DocumentChecker) -> [Criterion] {
        guard let items = checker.list(node, "criteria") else { return [] }
        if items.isEmpty, let node { checker.error("a rubric needs at least one criterion", at: node) }
        var seen: [String: SourceLocation] = [:]
        return items.compactMap { item in
            guard let fields = checker.fields(item, "a criterion",
                keys: ["id", "title", "weight", "meaning", "why_in_house", "advice"],
                required: ["id", "title", "weight", "meaning", "why_in_house"])
            else { return nil }
            let id = checkedIdentifier(fields["id"], "criterion", seen: &seen, checker: checker)
            var advice: [String: String] = [:]
            if let adviceNode = fields["advice"], let pairs = adviceNode.mappingPairs {
                for (key, value) in pairs {
                    if let band = key.scalarText, let text = checker.string(value, "advice") { advice[band] = text }
                }
            } else if let adviceNode = fields["advice"] {
                checker.error("advice must map a criterion band (such as weak, mixed, strong) to advice", at: adviceNode)
            }
            return Criterion(
                id: id,
                title: checker.string(fields["title"], "title") ?? "",
                weight: positiveWeight(fields["weight"], checker: checker) ?? 1,
                meaning: checker.string(fields["meaning"], "meaning") ?? "",
                whyInHouse: checker.string(fields["why_in_house"], "why_in_house") ?? "",
                advice: advice)
        }
    }

    // MARK: Shared checks

    static func positiveWeight(_ node: DocumentNode?, checker: DocumentChecker) -> Double? {
        guard let node, let weight = checker.number(node, "weight") else { return nil }
        if weight <= 0 {
            checker.error("weight must be greater than zero, found \(weight)", at: node)
            return nil
        }
        return weight
    }

    /// Reads an id, checks its spelling, and reports a duplicate with the place of the first.
    static func checkedIdentifier(
        _ node: DocumentNode?, _ what: String, seen: inout [String: SourceLocation], checker: DocumentChecker
    ) -> String {
        guard let node, let id = checker.string(node, "\(what) id") else { return "" }
        if !isIdentifier(id, allowDash: false) {
            checker.error("the \(what) id '\(id)' must start with a letter and hold only letters, digits and '_'", at: node)
        }
        if let first = seen[id] {
            checker.error("duplicate \(what) id '\(id)'", at: node,
                note: "first defined at line \(first.line), column \(first.column)")
        } else {
            seen[id] = node.location
        }
        return id
    }

    static func isIdentifier(_ text: String, allowDash: Bool) -> Bool {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, first.isASCIILetter else { return false }
        return scalars.allSatisfy { $0.isASCIILetter || ("0"..."9").contains($0) || $0 == "_" || (allowDash && $0 == "-") }
    }
}

extension Unicode.Scalar {
    var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}
