import Assessment

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Questionnaires read, checked and scored per second on one core (the intake and engine half of a batch).
///
/// Each iteration starts from the file's bytes, as a batch worker does after reading a file: decode, parse,
/// SHA-256, check against the rubric, score. `INSOURCE_BENCH_ITERATIONS` sets the questionnaires per round
/// (default 2,000) and `INSOURCE_BENCH_ROUNDS` the rounds (default 5); a small count suits callgrind.
func runScoringBenchmark(rubricPath: String, questionnairePath: String) {
    let rubric: Rubric
    let bytes: [UInt8]
    do throws(DiagnosticsError) {
        rubric = try RubricLoader.load(path: rubricPath)
        bytes = try InputFile.read(questionnairePath)
        // A questionnaire that fails to load would time only the failure; refuse to measure that.
        _ = Scorer.score(try QuestionnaireLoader.check(try QuestionnaireLoader.read(bytes: bytes, path: questionnairePath), against: rubric), with: rubric)
    } catch {
        print("scoring: cannot score \(questionnairePath) with \(rubricPath) (run from the package root): \(error.diagnostics.map(\.message))")
        return
    }
    let iterations = environmentCount("INSOURCE_BENCH_ITERATIONS") ?? 2_000
    let rounds = environmentCount("INSOURCE_BENCH_ROUNDS") ?? 5
    var checksum = 0.0
    var failures = 0
    var rates: [Double] = []
    for round in 1...rounds {
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for _ in 0..<iterations {
                do throws(DiagnosticsError) {
                    let document = try QuestionnaireLoader.read(bytes: bytes, path: questionnairePath)
                    let assessment = Scorer.score(try QuestionnaireLoader.check(document, against: rubric), with: rubric)
                    checksum += (assessment.overall ?? 0) + Double(assessment.rules.count + assessment.questionnaire.sha256.utf8.count)
                } catch {
                    failures += 1
                }
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        rates.append(Double(iterations) / seconds)
        print("scoring round \(round): \(Int(rates.last ?? 0)) questionnaires/s")
    }
    if failures > 0 { print("scoring: \(failures) iterations failed; the figures are not comparable") }
    let median = rates.sorted()[rates.count / 2]
    print("scoring median: \(Int(median)) questionnaires/s (read + check + score; checksum \(Int(checksum)))")
}

/// A positive whole number from the environment, or nil when unset or not one.
private func environmentCount(_ name: String) -> Int? {
    guard let text = getenv(name).map({ String(cString: $0) }), let count = Int(text), count > 0 else { return nil }
    return count
}
