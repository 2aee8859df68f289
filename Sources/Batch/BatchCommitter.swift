import Assessment
import Dispatch
import History
import Reporting
import Synchronization

/// Finishes items in input order: gives each client its file name, moves its reports into place, records the
/// history in batches, appends to the journal once an item is safe, and collects the index rows.
struct BatchCommitter {
    let configuration: BatchConfiguration
    let files: BatchFiles
    let worker: BatchWorker
    let history: HistoryStore?
    let total: Int

    private var names = OutputNames()
    /// The format the index links each client to: the first of these the batch writes.
    private let linkFormat: BatchFormat?
    private var rows: [BatchIndex.Row] = []
    private var failures: [BatchIndex.Failure] = []
    private var criterionTitles: [String]?
    /// Committed to disk but not yet to the history: their journal lines wait for the transaction.
    private var pendingAssessments: [Assessment] = []
    private var pendingEntries: [BatchJournal.Entry] = []
    private(set) var scored = 0
    private(set) var skipped = 0
    private(set) var lastFailure: ItemOutcome?
    var stoppedAtFailure = false

    init(configuration: BatchConfiguration, files: BatchFiles, worker: BatchWorker, history: HistoryStore?, total: Int) {
        self.configuration = configuration
        self.files = files
        self.worker = worker
        self.history = history
        self.total = total
        linkFormat = [BatchFormat.html, .markdown, .text, .json].first(where: configuration.formats.contains)
    }

    var progress: BatchProgress {
        BatchProgress(done: rows.count + failures.count, total: total, failed: failures.count, skipped: skipped)
    }

    mutating func commit(_ outcome: ItemOutcome, input: BatchInput, number: Int, journal: inout BatchJournal) throws(BatchError) {
        lastFailure = nil
        switch outcome {
        case .failed(let diagnostics):
            fail(input, diagnostics)
        case .resumed(let entry, let titles):
            let stem = names.allocate(for: entry.client)
            if stem == entry.stem && configuration.formats.allSatisfy({ files.exists(Self.reportName(stem, $0)) }) {
                criterionTitles = criterionTitles ?? titles
                rows.append(row(entry, stem: stem))
                skipped += 1
            } else {
                // The earlier run named it differently or a report is gone: do it again, under the name it has now.
                switch worker.process(input, number: number, allowResume: false) {
                case .scored(let item): try publish(item, as: stem, journal: &journal)
                case .failed(let diagnostics): fail(input, diagnostics)
                case .resumed: break
                }
            }
        case .scored(let item):
            try publish(item, as: names.allocate(for: item.assessment.client.name), journal: &journal)
        }
    }

    private mutating func fail(_ input: BatchInput, _ diagnostics: [Diagnostic]) {
        failures.append(BatchIndex.Failure(input: input.label, message: configuration.describe(diagnostics)))
        lastFailure = .failed(diagnostics)
    }

    private mutating func publish(_ item: ScoredItem, as stem: String, journal: inout BatchJournal) throws(BatchError) {
        do throws(DiagnosticsError) {
            for (format, file) in item.scratch { try files.publish(file, as: Self.reportName(stem, format)) }
        } catch {
            throw .output(error)
        }
        criterionTitles = criterionTitles ?? item.criterionTitles
        var entry = item.entry
        entry.stem = stem
        rows.append(row(entry, stem: stem))
        scored += 1
        pendingEntries.append(entry)
        if history != nil { pendingAssessments.append(item.assessment) }
        if pendingEntries.count >= configuration.historyBatchSize { try flushHistory(journal: &journal) }
    }

    /// Records the pending assessments in one transaction, then journals them as finished.
    mutating func flushHistory(journal: inout BatchJournal) throws(BatchError) {
        if let history, !pendingAssessments.isEmpty {
            do throws(HistoryError) {
                try history.record(pendingAssessments)
            } catch {
                throw .history(error)
            }
        }
        pendingAssessments.removeAll(keepingCapacity: true)
        for entry in pendingEntries { journal.append(entry) }
        pendingEntries.removeAll(keepingCapacity: true)
        do throws(DiagnosticsError) {
            try journal.flush()
        } catch {
            throw .output(error)
        }
    }

    private func row(_ entry: BatchJournal.Entry, stem: String) -> BatchIndex.Row {
        BatchIndex.Row(
            client: entry.client, verdict: entry.verdict, overall: entry.overall, scores: entry.scores,
            link: linkFormat.map { Self.reportName(stem, $0) })
    }

    private static func reportName(_ stem: String, _ format: BatchFormat) -> String {
        stem + format.fileSuffix
    }

    /// `index.html`, `index.md` and `summary.csv`, each written atomically, all three at once: the workers are done
    /// by now, so the cores are free, and a large batch's index takes a moment.
    func writeIndex() throws(DiagnosticsError) {
        let index = BatchIndex(
            criterionTitles: criterionTitles ?? [], rows: rows, failures: failures, notProcessed: total - rows.count - failures.count)
        let files = self.files
        let problems = Mutex<[Int: DiagnosticsError]>([:])
        @Sendable func write(_ part: Int) {
            do throws(DiagnosticsError) {
                switch part {
                case 0: try files.writeAtomically("index.html") { try IndexRenderer.writeHTML(index, to: $0) }
                case 1: try files.writeAtomically("index.md") { try IndexRenderer.writeMarkdown(index, to: $0) }
                default: try files.writeAtomically("summary.csv") { try IndexRenderer.writeCSV(index, to: $0) }
                }
            } catch {
                problems.withLock { $0[part] = error }
            }
        }
        // The page is most of the work and spreads its rows over the cores itself, which libdispatch
        // allows only outside another concurrentPerform (nested, it runs serially): so the two text
        // files go on one thread beside it.
        let textFiles = DispatchGroup()
        DispatchQueue.global().async(group: textFiles) {
            write(1)
            write(2)
        }
        write(0)
        textFiles.wait()
        // The same error whatever finished first: the first file's, in the order they are listed.
        if let problem = problems.withLock({ found in found.keys.min().flatMap { found[$0] } }) { throw problem }
    }

    func summary(stoppedBySignal: Int32?) -> BatchSummary {
        BatchSummary(
            total: total, scored: scored, skipped: skipped, failed: failures.count, notProcessed: total - rows.count - failures.count,
            stoppedBySignal: stoppedBySignal, stoppedAtFailure: stoppedAtFailure)
    }
}
