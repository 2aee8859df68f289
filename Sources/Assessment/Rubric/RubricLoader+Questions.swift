import RuleExpressions

extension RubricLoader {
    static let questionKeys = [
        "id", "criterion", "prompt", "help", "type", "weight", "required", "favors_in_house",
        "min", "max", "labels", "unit", "score_from", "score_to", "choices",
    ]
    static let questionTypes = ["scale", "boolean", "number", "choice", "multi-choice", "text"]

    static func readQuestions(_ node: DocumentNode?, criteria: [Criterion], checker: DocumentChecker) -> [Question] {
        guard let items = checker.list(node, "questions") else { return [] }
        var seen: [String: SourceLocation] = [:]
        let questions: [Question] = items.compactMap { item in
            guard let fields = checker.fields(item, "a question", keys: questionKeys,
                required: ["id", "criterion", "prompt", "type"])
            else { return nil }
            let id = checkedIdentifier(fields["id"], "question", seen: &seen, checker: checker)
            let criterion = checker.string(fields["criterion"], "criterion") ?? ""
            if let criterionNode = fields["criterion"], !criteria.contains(where: { $0.id == criterion }) {
                let hint = Spelling.suggestion(for: criterion, among: criteria.map(\.id)).map { "; did you mean '\($0)'?" } ?? ""
                checker.error("question '\(id)' names an unknown criterion '\(criterion)'\(hint)", at: criterionNode)
            }
            guard let type = checker.word(fields["type"], "question type", among: questionTypes),
                let kind = readKind(type, fields, checker: checker)
            else { return nil }
            let direction = checker.word(fields["favors_in_house"], "favors_in_house", among: ["high", "low"]).flatMap(Direction.init(rawValue:))
            checkDirection(direction, kind: kind, fields: fields, checker: checker)
            return Question(
                id: id, criterion: criterion,
                prompt: checker.string(fields["prompt"], "prompt") ?? "",
                help: checker.string(fields["help"], "help"),
                kind: kind, favorsInHouse: direction,
                weight: fields["weight"] == nil ? 1 : positiveWeight(fields["weight"], checker: checker) ?? 1,
                required: checker.bool(fields["required"], "required") ?? false)
        }
        for criterion in criteria where !criterion.id.isEmpty && !questions.contains(where: { $0.criterion == criterion.id && $0.isScored }) {
            if let node { checker.error("criterion '\(criterion.id)' has no scored question", at: node) }
        }
        return questions
    }

    /// Scored kinds need a direction unless each choice carries its own points.
    private static func checkDirection(_ direction: Direction?, kind: Question.Kind, fields: Fields, checker: DocumentChecker) {
        let needsDirection: Bool
        switch kind {
        case .scale, .boolean, .number: needsDirection = true
        case .multiChoice(let choices): needsDirection = choices.contains { $0.points == nil }
        case .choice, .text: needsDirection = false
        }
        if needsDirection && direction == nil && fields["favors_in_house"] == nil {
            checker.error("a \(kind.name) question needs favors_in_house: high or low", at: fields.node)
        }
    }

    private static func readKind(_ type: String, _ fields: Fields, checker: DocumentChecker) -> Question.Kind? {
        let allowedKeys: [String: [String]] = [
            "scale": ["min", "max", "labels"], "boolean": [], "text": [],
            "number": ["unit", "min", "max", "score_from", "score_to"],
            "choice": ["choices"], "multi-choice": ["choices"],
        ]
        for key in ["min", "max", "labels", "unit", "score_from", "score_to", "choices"]
        where fields[key] != nil && !(allowedKeys[type] ?? []).contains(key) {
            if let node = fields[key] { checker.error("'\(key)' does not apply to a \(type) question", at: node) }
        }
        switch type {
        case "scale":
            guard let min = checker.integer(fields["min"], "min"), let max = checker.integer(fields["max"], "max") else {
                if fields["min"] == nil || fields["max"] == nil { checker.error("a scale question needs min and max", at: fields.node) }
                return nil
            }
            if min >= max { checker.error("a scale's min (\(min)) must be below its max (\(max))", at: fields.node) }
            return .scale(min: min, max: max, labels: readLabels(fields["labels"], min: min, max: max, checker: checker))
        case "boolean": return .boolean
        case "text": return .text
        case "number":
            let min = checker.number(fields["min"], "min"), max = checker.number(fields["max"], "max")
            let from = checker.number(fields["score_from"], "score_from") ?? min
            let to = checker.number(fields["score_to"], "score_to") ?? max
            if let min, let max, min >= max { checker.error("a number's min must be below its max", at: fields.node) }
            guard let from, let to, from < to else {
                checker.error("a number question needs a scoring range: min and max, or score_from below score_to", at: fields.node)
                return nil
            }
            return .number(unit: checker.string(fields["unit"], "unit"), min: min, max: max, scoreFrom: from, scoreTo: to)
        case "choice":
            return .choice(readChoices(fields["choices"], pointsRequired: true, checker: checker, at: fields.node))
        default:
            return .multiChoice(readChoices(fields["choices"], pointsRequired: false, checker: checker, at: fields.node))
        }
    }

    private static func readLabels(_ node: DocumentNode?, min: Int, max: Int, checker: DocumentChecker) -> [Int: String] {
        guard let node else { return [:] }
        guard let pairs = node.mappingPairs else {
            checker.error("labels must map scale values to words, such as {1: Never, 5: Always}", at: node)
            return [:]
        }
        var labels: [Int: String] = [:]
        for (key, value) in pairs {
            guard let point = checker.integer(key, "a label's scale value"), let text = checker.string(value, "label") else { continue }
            if !(min...max).contains(point) { checker.error("label \(point) lies outside the scale \(min)...\(max)", at: key) }
            labels[point] = text
        }
        return labels
    }

    private static func readChoices(_ node: DocumentNode?, pointsRequired: Bool, checker: DocumentChecker, at owner: DocumentNode) -> [Choice] {
        guard let items = checker.list(node, "choices"), !items.isEmpty else {
            checker.error("a choice question needs a non-empty list of choices", at: node ?? owner)
            return []
        }
        var seen: [String: SourceLocation] = [:]
        let choices: [Choice] = items.compactMap { item in
            guard let fields = checker.fields(item, "a choice", keys: ["value", "label", "points"],
                required: pointsRequired ? ["value", "label", "points"] : ["value", "label"])
            else { return nil }
            let value = checkedIdentifier(fields["value"], "choice", seen: &seen, checker: checker)
            let points = checker.number(fields["points"], "points")
            if let points, let pointsNode = fields["points"], !(0...1).contains(points) {
                checker.error("points must be between 0 and 1, found \(points)", at: pointsNode)
            }
            return Choice(value: value, label: checker.string(fields["label"], "label") ?? value, points: points)
        }
        let withPoints = choices.filter { $0.points != nil }.count
        if !pointsRequired, withPoints != 0, withPoints != choices.count, let node {
            checker.error("either every choice carries points or none does", at: node)
        }
        return choices
    }
}
