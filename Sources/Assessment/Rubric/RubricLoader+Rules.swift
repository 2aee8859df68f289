import RuleExpressions

extension RubricLoader {
    static let ruleKeys = ["id", "when", "adjust", "flag", "veto", "advice", "explanation"]

    static func readRules(
        _ node: DocumentNode?, criteria: [Criterion], environment: Environment, checker: DocumentChecker
    ) -> [Rule] {
        guard let node, let items = checker.list(node, "rules") else { return [] }
        var seen: [String: SourceLocation] = [:]
        return items.compactMap { item in
            guard let fields = checker.fields(item, "a rule", keys: ruleKeys, required: ["id", "when"]) else { return nil }
            let id = checkedIdentifier(fields["id"], "rule", seen: &seen, checker: checker)
            let adjustments = readAdjustments(fields["adjust"], criteria: criteria, checker: checker)
            let flag = readFlag(fields["flag"], checker: checker)
            let veto = checker.word(fields["veto"], "veto verdict", among: [Verdict.keepInHouse, .hybrid, .outsource].map(\.rawValue))
                .flatMap(Verdict.init(rawValue:))
            let advice = checker.string(fields["advice"], "advice")
            let explanation = checker.string(fields["explanation"], "explanation")
            if adjustments.isEmpty && flag == nil && veto == nil && advice == nil && fields["adjust"] == nil && fields["flag"] == nil {
                checker.error("rule '\(id)' has no effect: give it adjust, flag, veto or advice", at: item)
            }
            if let explanation, let explanationNode = fields["explanation"] {
                checkPlaceholders(explanation, at: explanationNode, environment: environment, checker: checker)
            }
            guard let whenNode = fields["when"], let expression = compileCondition(whenNode, environment: environment, checker: checker)
            else { return nil }
            let runsAfterScoring = expression.references.contains { RuleNames.afterScoring.contains($0.variable) }
            if runsAfterScoring && !adjustments.isEmpty, let adjustNode = fields["adjust"] {
                checker.error("rule '\(id)' reads scores, so it runs after scoring and cannot adjust them", at: adjustNode)
            }
            return Rule(
                id: id, when: expression, runsAfterScoring: runsAfterScoring, adjustments: adjustments,
                flag: flag, veto: veto, advice: advice, explanation: explanation)
        }
    }

    private static func compileCondition(_ node: DocumentNode, environment: Environment, checker: DocumentChecker) -> CompiledExpression? {
        guard let text = checker.string(node, "when") else { return nil }
        do {
            let expression = try CompiledExpression(text, environment: environment)
            if expression.resultType != .bool && expression.resultType != .dyn {
                checker.error("a rule's condition must be true or false, but this one gives \(expression.resultType)", at: node)
                return nil
            }
            return expression
        } catch {
            for problem in error.diagnostics {
                checker.error(problem.message, at: ScalarLocator.location(of: problem.span.start, in: node, source: checker.source))
            }
            return nil
        }
    }

    private static func readAdjustments(_ node: DocumentNode?, criteria: [Criterion], checker: DocumentChecker) -> [(criterion: String, points: Double)] {
        guard let node else { return [] }
        guard let pairs = node.mappingPairs else {
            checker.error("adjust must map criterion ids to points, such as {leadership: 10}", at: node)
            return []
        }
        return pairs.compactMap { key, value in
            guard let criterion = checker.string(key, "criterion id"), let points = checker.number(value, "adjustment") else { return nil }
            guard criteria.contains(where: { $0.id == criterion }) else {
                let hint = Spelling.suggestion(for: criterion, among: criteria.map(\.id)).map { "; did you mean '\($0)'?" } ?? ""
                checker.error("adjust names an unknown criterion '\(criterion)'\(hint)", at: key)
                return nil
            }
            if abs(points) > 100 { checker.error("an adjustment must lie within -100...100, found \(points)", at: value) }
            return (criterion, points)
        }
    }

    private static func readFlag(_ node: DocumentNode?, checker: DocumentChecker) -> Rule.Flag? {
        guard let node, let fields = checker.fields(node, "a flag", keys: ["level", "message"], required: ["level", "message"]),
            let level = checker.word(fields["level"], "flag level", among: ["info", "warning", "critical"]).flatMap(Rule.FlagLevel.init(rawValue:)),
            let message = checker.string(fields["message"], "message")
        else { return nil }
        return Rule.Flag(level: level, message: message)
    }

    /// Every `{name}` or `{name.field}` in an explanation must be a name rules can read.
    private static func checkPlaceholders(_ text: String, at node: DocumentNode, environment: Environment, checker: DocumentChecker) {
        for placeholder in Placeholders.names(in: text) {
            let parts = placeholder.split(separator: ".", maxSplits: 1).map(String.init)
            let known = parts.isEmpty ? false : parts.count == 2
                ? environment.slot(parts[0], field: parts[1]) != nil
                : environment.slot(parts[0]) != nil
            if !known { checker.error("the explanation refers to '{\(placeholder)}', which is not a name rules can read", at: node) }
        }
    }
}

/// `{answers.reply_hours}`-style placeholders in rule explanations.
enum Placeholders {
    static func names(in text: String) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}
