import RuleExpressions

/// The names and values `insource eval` gives an expression: a rubric's, a scored questionnaire's, and extra variables.
public struct ExpressionContext: Sendable {
    public var environment: Environment
    public var activation: Activation

    public static func make(
        questionnaire path: String?, rubric reference: String?, vars: String?, search: RubricSearchPath
    ) throws(DiagnosticsError) -> ExpressionContext {
        var environment = Environment()
        var scored: Activation?
        if path != nil || reference != nil {
            let document = try path.map { path throws(DiagnosticsError) in try QuestionnaireLoader.read(path: path) }
            let rubric = try search.resolve(reference ?? document?.rubricID ?? "social-media")
            environment = rubric.environment
            if let document {
                let questionnaire = try QuestionnaireLoader.check(document, against: rubric)
                let assessment = Scorer.score(questionnaire, with: rubric)
                var activation = RuleInputs.activation(for: questionnaire, rubric: rubric)
                RuleInputs.setScores(
                    assessment.criteria, overall: assessment.overall, coverage: assessment.coverage, in: &activation, rubric: rubric)
                scored = activation
            }
        }
        let rubricSlots = environment.slotCount
        var extra: [(name: String, value: Value)] = []
        if let vars {
            let source = SourceText(path: "--vars", text: vars)
            let root = try DocumentReader.read(source)
            guard let pairs = root.mappingPairs else {
                throw DiagnosticsError([source.diagnostic("--vars must be a JSON object, found \(root.kindDescription)", at: root.location)])
            }
            for (key, node) in pairs {
                guard let name = key.scalarText else { continue }
                environment.declare(name, .dyn)
                extra.append((name, ExpressionValues.value(of: node)))
            }
        }
        var activation = Activation(slotCount: environment.slotCount)
        if let scored {
            for slot in 0..<rubricSlots { activation[slot] = scored[slot] }
        }
        for (name, value) in extra {
            if let slot = environment.slot(name) { activation[slot] = value }
        }
        return ExpressionContext(environment: environment, activation: activation)
    }
}

/// YAML or JSON values as expression values: plain scalars by the core schema, quoted ones as strings.
public enum ExpressionValues {
    public static func value(of node: DocumentNode) -> Value {
        switch node.content {
        case .sequence(let items):
            return .list(items.map(value(of:)))
        case .mapping(let pairs):
            var map = MapValue()
            for (key, item) in pairs {
                _ = map.insert(value(of: item), for: value(of: key))
            }
            return .map(map)
        case .scalar(let text, let quoted):
            if quoted { return .string(text) }
            switch ScalarValue(plain: text) {
            case .null: return .null
            case .bool(let flag): return .bool(flag)
            case .int(let number): return .int(number)
            case .double(let number): return .double(number)
            case .string(let string): return .string(string)
            }
        }
    }
}
