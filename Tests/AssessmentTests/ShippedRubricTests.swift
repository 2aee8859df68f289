import Assessment
import RuleExpressions
import Foundation
import Testing

/// `Rubrics/social-media.yaml` and its example questionnaires, as shipped.
@Suite("Shipped rubric and examples")
struct ShippedRubricTests {
    /// The examples and the verdict each is meant to reach. The YAML ones say so in their header comment
    /// (checked below); JSON has no comments, so the JSON example's verdict comes from Rubrics/README.md.
    static let examples: [(file: String, verdict: Verdict)] = [
        ("rosas-bakery.yaml", .keepInHouse),
        ("northgate-parts.yaml", .outsource),
        ("harbour-coffee-franchise.json", .hybrid),
        ("maya-fit.yaml", .keepInHouse),
        ("lakeside-dental-partial.yaml", .inconclusive),
    ]

    static let exampleFiles = examples.map(\.file)

    @Test("the shipped rubric loads with no diagnostics")
    func loadsClean() throws {
        let rubric = try loadRubric(path: shippedRubricPath)
        #expect(rubric.id == "social-media")
        #expect(rubric.origin.path == shippedRubricPath)
        #expect(rubric.origin.sha256.count == 64)
    }

    @Test("it has the article's four criteria, leadership weighted most, each with at least five questions")
    func fourCriteriaOfTheArticle() throws {
        let rubric = try loadRubric(path: shippedRubricPath)
        #expect(rubric.criteria.map(\.id) == ["emotional_connection", "real_time_responsiveness", "leadership", "core_competency"])
        for criterion in rubric.criteria {
            let questions = rubric.questions.filter { $0.criterion == criterion.id }
            #expect(questions.count >= 5, "\(criterion.id) has \(questions.count) questions")
            #expect(questions.filter(\.isScored).count >= 5, "\(criterion.id) has fewer than five scored questions")
        }
        let leadership = try #require(rubric.criterion("leadership"))
        #expect(rubric.criteria.allSatisfy { $0.id == "leadership" || $0.weight < leadership.weight })
    }

    @Test("no explanation says a number's unit twice: the answer is shown with its unit already")
    func explanationsDoNotRepeatUnits() throws {
        let rubric = try loadRubric(path: shippedRubricPath)
        let units = rubric.questions.compactMap { question -> String? in
            if case .number(let unit?, _, _, _, _) = question.kind { return unit }
            return nil
        }
        #expect(!units.isEmpty)
        var generator = RandomQuestionnaires(rubric: rubric, seed: 8)
        var explanations = 0
        for number in 0..<300 {
            let document = try QuestionnaireLoader.read(bytes: Array(generator.next(number: number).utf8), path: "q.yaml")
            let assessment = Scorer.score(try QuestionnaireLoader.check(document, against: rubric), with: rubric)
            for text in assessment.rules.compactMap(\.explanation) {
                explanations += 1
                let words = text.split(separator: " ").map { $0.trimmingCharacters(in: .punctuationCharacters) }
                for unit in units {
                    let unitWords = unit.split(separator: " ").map(String.init)
                    for start in words.indices where words[start...].starts(with: unitWords) {
                        // "12 clients other clients", "18000 messages a week messages a week": the unit again soon after.
                        let next = words[(start + unitWords.count)...].prefix(2)
                        #expect(!next.contains(unitWords[0]), "\(text)")
                    }
                }
            }
        }
        #expect(explanations > 300)
    }

    @Test("it has a veto rule, and its verdict bands cover 0...100 with the three decisive verdicts")
    func vetoAndBands() throws {
        let rubric = try loadRubric(path: shippedRubricPath)
        #expect(rubric.rules.contains { $0.veto != nil })
        #expect(Set(rubric.bands.map(\.verdict)) == [.keepInHouse, .hybrid, .outsource])
        #expect(rubric.bands.first?.from == 0)
        #expect(rubric.bands.last?.to == 100)
        for (previous, next) in zip(rubric.bands, rubric.bands.dropFirst()) {
            #expect(previous.to == next.from)
        }
    }

    @Test("every YAML example's header comment states the verdict the test table expects")
    func headerCommentsMatchTheTable() throws {
        for example in Self.examples where example.file.hasSuffix(".yaml") {
            let header = try Self.header(of: example.file)
            let stated = try #require(Self.statedVerdict(in: header), "\(example.file) states no expected verdict")
            #expect(stated == example.verdict.rawValue, "\(example.file)")
        }
    }

    @Test("each example scores to the verdict written for it", arguments: exampleFiles)
    func exampleReachesItsVerdict(_ file: String) throws {
        let expected = try #require(Self.examples.first { $0.file == file }?.verdict)
        let assessment = try Self.score(file)
        #expect(assessment.verdict == expected, "\(file): \(assessment.verdict), overall \(assessment.overall.map(String.init(describing:)) ?? "none")")
    }

    @Test("each YAML example fires the rules its header says it fires", arguments: exampleFiles.filter { $0.hasSuffix(".yaml") })
    func exampleFiresItsStatedRules(_ file: String) throws {
        let rubric = try loadRubric(path: shippedRubricPath)
        let header = try Self.header(of: file)
        let sentence = try #require(header.range(of: "Rules expected to fire:").map { header[$0.upperBound...] }, "\(file) names no rules")
        let stated = Set(rubric.rules.map(\.id).filter { sentence.prefix { $0 != "." }.contains($0) })
        #expect(!stated.isEmpty)
        let fired = Set(try Self.score(file).rules.filter(\.fired).map(\.id))
        #expect(stated.isSubset(of: fired), "\(file): stated \(stated.sorted()), fired \(fired.sorted())")
    }

    @Test("each example's overall score is near the one its header gives", arguments: ["rosas-bakery.yaml", "northgate-parts.yaml"])
    func exampleOverallMatchesHeader(_ file: String) throws {
        let header = try Self.header(of: file)
        let range = try #require(header.range(of: "overall score about "))
        let stated = try #require(Double(header[range.upperBound...].prefix { $0.isNumber }))
        let overall = try #require(try Self.score(file).overall)
        #expect(abs(overall - stated) <= 1.5, "\(file): overall \(overall), header says about \(stated)")
    }

    @Test("the veto example is decided by its veto, the partial one by coverage")
    func vetoAndCoverageExamples() throws {
        let maya = try Self.score("maya-fit.yaml")
        #expect(maya.veto == "audience_is_the_product")
        let overall = try #require(maya.overall)
        #expect(overall >= 35 && overall < 70, "the scores alone would say hybrid")

        let lakeside = try Self.score("lakeside-dental-partial.yaml")
        #expect(lakeside.veto == nil)
        #expect(lakeside.coverage < lakeside.minimumCoverage)
        #expect(abs(lakeside.coverage - 0.4) < 0.001)
    }

    @Test("the examples between them reach every verdict")
    func everyVerdictIsReached() throws {
        let reached = try Set(Self.examples.map { try Self.score($0.file).verdict })
        #expect(reached == Set(Verdict.allCases))
    }

    @Test("in every example, each criterion's contributions add up to its score within rounding", arguments: exampleFiles)
    func contributionsAddUp(_ file: String) throws {
        let assessment = try Self.score(file)
        for criterion in assessment.criteria {
            guard let score = criterion.score else {
                #expect(criterion.contributions.isEmpty)
                continue
            }
            let sum = criterion.contributions.reduce(0) { $0 + $1.delta }
            #expect(abs(sum - score) <= 0.1, "\(file) \(criterion.id): contributions \(sum), score \(score)")
            #expect((0...100).contains(score))
        }
    }

    @Test("a strong average hiding a weak criterion, or a weak average hiding a strong one, is vetoed to hybrid")
    func inBetweenIsHybrid() throws {
        let rubric = try loadRubric(path: shippedRubricPath)
        let strong = try #require(rubric.rules.first { $0.id == "strong_average_with_a_weak_criterion" })
        let weak = try #require(rubric.rules.first { $0.id == "weak_average_with_a_strong_criterion" })
        #expect(strong.veto == .hybrid && weak.veto == .hybrid && strong.runsAfterScoring && weak.runsAfterScoring)

        func fires(_ rule: Rule, overall: Double, _ scores: [Double]) throws -> Bool {
            var activation = Activation(slotCount: rubric.environment.slotCount)
            activation[try #require(rubric.environment.slot("overall"))] = .double(overall)
            for (criterion, score) in zip(rubric.criteria, scores) {
                activation[try #require(rubric.environment.slot("scores", field: criterion.id))] = .double(score)
            }
            return rule.when.evaluate(activation) == .bool(true)
        }
        #expect(try fires(strong, overall: 75, [100, 100, 100, 10]))
        #expect(try !fires(strong, overall: 85, [80, 90, 85, 75]))
        #expect(try !fires(strong, overall: 60, [100, 100, 30, 10]))
        #expect(try fires(weak, overall: 25, [10, 5, 80, 20]))
        #expect(try !fires(weak, overall: 20, [10, 30, 25, 15]))
        // An unscored criterion (no answers) neither triggers nor blocks the rule.
        #expect(try fires(strong, overall: 75, [100, 100, 10]))
    }

    // MARK: Helpers

    static func score(_ file: String) throws -> Assessment {
        let rubric = try loadRubric(path: shippedRubricPath)
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: examplePath(file))))
        return Scorer.score(try checkQuestionnaire(bytes: bytes, path: examplePath(file), against: rubric), with: rubric)
    }

    /// The leading comment block, without its `#` marks, joined into one text.
    static func header(of file: String) throws -> String {
        let text = try String(contentsOfFile: examplePath(file), encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .prefix { $0.hasPrefix("#") }
            .map { $0.dropFirst().trimmingCharacters(in: .whitespaces) }
            .joined(separator: " ")
    }

    static func statedVerdict(in header: String) -> String? {
        guard let range = header.range(of: "Expected verdict: ") else { return nil }
        return String(header[range.upperBound...].prefix { $0.isLetter || $0 == "-" })
    }
}
