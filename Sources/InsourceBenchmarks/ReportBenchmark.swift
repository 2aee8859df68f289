import Assessment
import Reporting
#if canImport(Glibc)
import Glibc
#endif

/// HTML reports built and serialized per second on one core, from an already scored assessment.
func runReportBenchmark(rubricPath: String, questionnairePath: String, templateDirectory: String) {
    guard let rubric = try? RubricLoader.load(path: rubricPath), let bytes = try? InputFile.read(questionnairePath),
        let document = try? QuestionnaireLoader.read(bytes: bytes, path: questionnairePath),
        let questionnaire = try? QuestionnaireLoader.check(document, against: rubric),
        let template = try? ReportTemplate(directory: templateDirectory)
    else {
        print("reports: cannot load the rubric, example or template; run from the package root")
        return
    }
    let assessment = Scorer.score(questionnaire, with: rubric)
    let renderer = ReportRenderer(template: template)
    for (label, formats) in [("HTML", [ReportRenderer.Format.html]), ("HTML + Markdown", [.html, .markdown])] {
        let iterations = benchmarkIterations(default: 2_000)
        var bytesOut = 0
        var rates: [Double] = []
        var cpuRates: [Double] = []
        for _ in 1...5 {
            // This thread's CPU time as well as wall time: on a shared machine the wall clock also counts
            // other processes' turns on the core.
            let cpuStart = threadCPUNanoseconds()
            let elapsed = ContinuousClock().measure {
                for _ in 0..<iterations {
                    bytesOut &+= renderer.renderBytes(assessment, formats: formats).values.reduce(0) { $0 + $1.count }
                }
            }
            let cpuSeconds = Double(threadCPUNanoseconds() - cpuStart) / 1e9
            rates.append(Double(iterations) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18))
            cpuRates.append(Double(iterations) / cpuSeconds)
        }
        let rounds = rates.map { String(Int($0)) }.joined(separator: ", ")
        let cpuRounds = cpuRates.map { String(Int($0)) }.joined(separator: ", ")
        print("reports \(label): rounds \(rounds); median \(Int(rates.sorted()[rates.count / 2])) reports/s (\(bytesOut / (iterations * 5)) bytes each)")
        print("reports \(label) per CPU second: rounds \(cpuRounds); median \(Int(cpuRates.sorted()[cpuRates.count / 2])) reports/s")
    }
}

/// The calling thread's CPU time in nanoseconds.
private func threadCPUNanoseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}

/// `INSOURCE_BENCH_ITERATIONS` shortens a run, e.g. under a profiler.
func benchmarkIterations(default value: Int) -> Int {
    guard let text = getenv("INSOURCE_BENCH_ITERATIONS") else { return value }
    return Int(String(cString: text)) ?? value
}
