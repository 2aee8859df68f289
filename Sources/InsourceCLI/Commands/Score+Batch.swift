import ArgumentParser
import Assessment
import Batch
import Dispatch
import Foundation
import History

#if canImport(Glibc)
import Glibc
#endif

/// The options that only a batch uses.
struct BatchOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Worker threads for a batch (default: all cores).", valueName: "N"))
    var jobs: Int?

    @Flag(help: "No progress and no summary line on stderr (problems are still reported).")
    var quiet = false

    @Flag(help: "Stop a batch at the first input that fails.")
    var failFast = false
}

/// `insource score` over several files, directories or CSV files: reports for every client, an index, a summary.
extension Score {
    var isBatch: Bool { BatchInputs.isBatch(inputs) }

    func validateBatch() throws {
        guard output != nil else { throw ValidationError("a batch (several inputs, a directory or a CSV file) needs -o DIR") }
        if let jobs = batch.jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if email && noHistory {
            throw ValidationError("--email in a batch reads the assessments back from the history; drop --no-history")
        }
    }

    func runBatch() throws {
        guard let output else { throw ValidationError("a batch needs -o DIR") }
        var seen: Set<BatchFormat> = []
        let formats = (format.isEmpty ? [.html] : format).compactMap { BatchFormat(rawValue: $0.rawValue) }.filter { seen.insert($0).inserted }
        let renderer = formats.contains { $0 == .html || $0 == .markdown } ? try Reports.renderer(template: template) : nil
        let store = noHistory ? nil : try history.open(.readWrite)
        let configuration = BatchConfiguration(
            outputDirectory: output, formats: formats, jobs: batch.jobs ?? ProcessInfo.processInfo.activeProcessorCount,
            failFast: batch.failFast, rubric: rubric, defaultRubric: Scoring.defaultRubric, search: search.searchPath,
            renderer: renderer, textSummary: { TextSummary.render($0, style: TerminalStyle(colours: false)) },
            describe: { DiagnosticRenderer.render($0, style: TerminalStyle(colours: false)) })

        let control = BatchControl()
        let signals = [SIGINT, SIGTERM].map { number -> any DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { control.stop(signal: number) }
            source.resume()
            return source
        }
        defer { signals.forEach { $0.cancel() } }

        let progress = BatchProgressLine(enabled: !batch.quiet)
        let discovered = BatchInputs.discover(inputs)
        let summary: BatchSummary
        do throws(BatchError) {
            summary = try BatchRunner(configuration: configuration).run(discovered, control: control, history: store) { event in
                switch event {
                case .progress(let state): progress.update(state)
                case .failed(_, let diagnostics):
                    progress.clear()
                    StandardError.report(diagnostics)
                }
            }
        } catch {
            progress.clear()
            switch error {
            case .output(let problems): StandardError.report(problems.diagnostics)
            case .history(let problem): StandardError.report(problem)
            }
            throw ExitCode.invalidInput
        }
        progress.finish(summary, index: output.joiningPath("index.html"))
        if let number = summary.stoppedBySignal { throw ExitCode(128 + number) }
        if email, let store {
            let renderer = try renderer ?? Reports.renderer(template: template)
            let finished = FinishedBatch.items(in: output) ?? []
            let sources = MailSources(store: store, renderer: renderer, search: search, rubric: rubric)
            let (items, failed) = try sources.batch(finished, directory: output, attachMarkdown: try mail.attachments().contains(.markdown))
            try MailRun(options: mail, directory: output.joiningPath("mail"), store: store).run(items)
            if failed { throw ExitCode.invalidInput }
        }
        if summary.failed > 0 { throw ExitCode.invalidInput }
    }
}
