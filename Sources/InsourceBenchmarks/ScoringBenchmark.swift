import Assessment

/// Questionnaires read, checked and scored per second on one core (the intake and engine half of a batch).
func runScoringBenchmark(rubricPath: String, questionnairePath: String) {
    guard let rubric = try? RubricLoader.load(path: rubricPath), let bytes = try? InputFile.read(questionnairePath) else {
        print("scoring: cannot load \(rubricPath) or \(questionnairePath); run from the package root")
        return
    }
    let iterations = 2_000
    var checksum = 0.0
    var rates: [Double] = []
    for round in 1...5 {
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for _ in 0..<iterations {
                guard let document = try? QuestionnaireLoader.read(bytes: bytes, path: questionnairePath),
                    let questionnaire = try? QuestionnaireLoader.check(document, against: rubric)
                else { continue }
                checksum += Scorer.score(questionnaire, with: rubric).overall ?? 0
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        rates.append(Double(iterations) / seconds)
        print("scoring round \(round): \(Int(rates.last ?? 0)) questionnaires/s")
    }
    let median = rates.sorted()[rates.count / 2]
    print("scoring median: \(Int(median)) questionnaires/s (read + check + score; checksum \(Int(checksum)))")
}
