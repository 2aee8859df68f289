import Assessment
import FoundationEssentials
import History

#if canImport(Glibc)
import Glibc
#endif

/// Assessments of the default rubric recorded per second on one core: client upsert, assessment, answers,
/// criterion scores and rules fired, into a fresh WAL database on disk, in batches of `batchSize` per transaction.
/// Scoring is done beforehand so only recording is timed; each assessment has its own questionnaire hash so none
/// is skipped as a duplicate. `INSOURCE_BENCH_ITERATIONS` sets how many assessments each round records.
func runHistoryBenchmark(rubricPath: String, questionnairePath: String, batchSize: Int = 500) {
    let count = benchmarkIterations(default: 20_000)
    guard let rubric = try? RubricLoader.load(path: rubricPath),
        let document = try? QuestionnaireLoader.read(path: questionnairePath),
        let questionnaire = try? QuestionnaireLoader.check(document, against: rubric)
    else {
        print("history: cannot load \(rubricPath) or \(questionnairePath); run from the package root")
        return
    }
    let base = Scorer.score(questionnaire, with: rubric)
    let rows = 1 + base.answers.filter { $0.answer != nil }.count + base.criteria.count + base.rules.filter(\.fired).count
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("insource-bench-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)

    var rates: [Double] = []
    var cpuRates: [Double] = []
    for round in 1...5 {
        // A thousand clients, each assessed many times, as a firm's history would hold.
        let assessments = (0..<count).map { index -> Assessment in
            var assessment = base
            assessment.client.id = "client-\(index % 1_000)"
            assessment.client.name = "Client \(index % 1_000)"
            assessment.questionnaire.sha256 = "round-\(round)-questionnaire-\(index)"
            return assessment
        }
        do {
            let store = try HistoryStore(path: "\(directory)/round-\(round).sqlite")
            let clock = ContinuousClock()
            // CPU time as well as wall time: on a shared machine the wall clock also counts other processes' turns.
            let cpuStart = processCPUNanoseconds()
            let elapsed = try clock.measure {
                var start = 0
                while start < assessments.count {
                    let end = min(start + batchSize, assessments.count)
                    try store.record(Array(assessments[start..<end]))
                    start = end
                }
            }
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let cpuSeconds = Double(processCPUNanoseconds() - cpuStart) / 1e9
            rates.append(Double(count) / seconds)
            cpuRates.append(Double(count) / cpuSeconds)
            print("history round \(round): \(Int(rates.last ?? 0)) assessments/s wall, \(Int(cpuRates.last ?? 0))/s of CPU time (\(rows) rows each)")
        } catch {
            print("history: \(error)")
            return
        }
    }
    let median = rates.sorted()[rates.count / 2]
    let cpuMedian = cpuRates.sorted()[cpuRates.count / 2]
    print("history median: \(Int(median)) assessments/s recorded wall clock, \(Int(cpuMedian))/s per CPU second "
        + "(batches of \(batchSize), \(rows) rows each)")
}

/// The same with one transaction per assessment, as `insource score` records: the slower, per-command path.
func runHistorySingleBenchmark(rubricPath: String, questionnairePath: String) {
    guard let rubric = try? RubricLoader.load(path: rubricPath),
        let document = try? QuestionnaireLoader.read(path: questionnairePath),
        let questionnaire = try? QuestionnaireLoader.check(document, against: rubric)
    else { return }
    let base = Scorer.score(questionnaire, with: rubric)
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("insource-bench-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let count = max(1, benchmarkIterations(default: 20_000) / 4)
    do {
        let store = try HistoryStore(path: "\(directory)/single.sqlite")
        let elapsed = try ContinuousClock().measure {
            for index in 0..<count {
                var assessment = base
                assessment.questionnaire.sha256 = "single-\(index)"
                try store.record(assessment)
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("history single: \(Int(Double(count) / seconds)) assessments/s (one transaction each)")
    } catch {
        print("history: \(error)")
    }
}

/// This process's CPU time (user and system) in nanoseconds.
private func processCPUNanoseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}
