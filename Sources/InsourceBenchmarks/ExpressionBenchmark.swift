import RuleExpressions

/// Times the evaluation of a compiled rule condition, the hot path of scoring
/// a batch: `answers.a >= 3 && answers.b <= 4` over alternating activations.
///
/// Prints each round's rate and the median in evaluations per second, plus a
/// checksum of the results so the work cannot be optimised away.
func runExpressionBenchmark(rounds: Int = 5, evaluationsPerRound: Int = 10_000_000) {
    var environment = Environment()
    environment.declareRecord("answers", fields: [("a", .int), ("b", .int)])
    let source = "answers.a >= 3 && answers.b <= 4"
    let compiled: CompiledExpression
    do {
        compiled = try CompiledExpression(source, environment: environment)
    } catch {
        print("expression benchmark: cannot compile \(source): \(error)")
        return
    }
    // Four activations: both true, first false, second false, both false, so
    // both sides of && and both results are exercised.
    let activations = [(3, 4), (2, 4), (5, 9), (0, 9)].map { pair in
        Activation(environment, ["answers.a": .int(Int64(pair.0)), "answers.b": .int(Int64(pair.1))])
    }
    let clock = ContinuousClock()
    var rates: [Double] = []
    var checksum = 0
    print("expression: \(source)")
    for round in 1...max(1, rounds) {
        let start = clock.now
        for index in 0..<evaluationsPerRound {
            if case .bool(true) = compiled.evaluate(activations[index & 3]) {
                checksum &+= 1
            }
        }
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let rate = Double(evaluationsPerRound) / max(seconds, 1e-9)
        rates.append(rate)
        print("  round \(round): \(formatRate(rate)) evaluations/s")
    }
    let sorted = rates.sorted()
    print("  median: \(formatRate(sorted[sorted.count / 2])) evaluations/s (checksum \(checksum))")
}

/// Millions with one decimal, e.g. "41.3M"; avoids Foundation's formatters.
private func formatRate(_ rate: Double) -> String {
    let tenths = Int(rate / 100_000 + 0.5)
    return "\(tenths / 10).\(tenths % 10)M"
}
