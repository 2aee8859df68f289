import RuleExpressions

/// The names a rule's `when` may read, and how each answer type appears to the expression language.
public enum RuleNames {
    /// Client fields a questionnaire may fill in; all text but `employees`.
    public static let clientFields: [(name: String, type: ValueType)] = [
        ("id", .string), ("name", .string), ("owner", .string), ("email", .string), ("industry", .string),
        ("employees", .int), ("website", .string), ("location", .string),
    ]
    /// Names that only have values once the criteria are scored.
    public static let afterScoring: Set<String> = ["scores", "overall", "coverage"]

    public static func environment(questions: [Question], criteria: [Criterion]) -> Environment {
        var environment = Environment()
        environment.declareRecord("answers", fields: questions.filter { !$0.id.isEmpty }.map { ($0.id, valueType(of: $0.kind)) })
        environment.declareRecord("client", fields: clientFields)
        environment.declareRecord("scores", fields: criteria.filter { !$0.id.isEmpty }.map { ($0.id, .double) })
        environment.declare("overall", .double)
        environment.declare("coverage", .double)
        return environment
    }

    public static func valueType(of kind: Question.Kind) -> ValueType {
        switch kind {
        case .scale: return .int
        case .boolean: return .bool
        case .number: return .double
        case .choice, .text: return .string
        case .multiChoice: return .list(.string)
        }
    }
}
