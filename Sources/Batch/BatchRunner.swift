import Assessment
import Dispatch
import History
import Reporting
import Synchronization

/// Scores many inputs: `jobs` worker threads read, check, score and render, at most `window` items ahead of the
/// committer, which runs on the caller's thread and finishes each item in input order (file names, renames,
/// history, journal, index rows). The outputs depend only on the inputs and their order, never on `jobs`.
public struct BatchRunner {
    public let configuration: BatchConfiguration

    public init(configuration: BatchConfiguration) {
        self.configuration = configuration
    }

    /// Runs the batch and writes the index files. `events` is called on the caller's thread.
    public func run(
        _ inputs: [BatchInput], control: BatchControl, history: HistoryStore?, events: (BatchEvent) -> Void
    ) throws(BatchError) -> BatchSummary {
        // While the committer records a transaction of history the workers keep going: room for that many more items
        // ahead, so they do not stall waiting for it (the ordered committer would otherwise hold everything up).
        let window = configuration.window + (history == nil ? 0 : configuration.historyBatchSize)
        let files: BatchFiles
        do throws(DiagnosticsError) {
            // Each item in the window, and the one the committer may redo, holds one scratch file per format.
            let holding = configuration.unnamedScratchFiles ? (window + 1) * configuration.formats.count : 0
            files = try BatchFiles(directory: configuration.outputDirectory, holding: holding)
        } catch {
            throw .output(error)
        }
        defer { files.removeScratch() }
        var journal = BatchJournal(directory: configuration.outputDirectory)
        let worker = BatchWorker(
            configuration: configuration, files: files, rubrics: RubricCache(search: configuration.search), finished: journal.load())
        let pool = WorkerPool(inputs: inputs, worker: worker, control: control, jobs: configuration.jobs, window: window)
        do throws(HistoryError) {
            try history?.startBackgroundCheckpoints()
        } catch {
            throw .history(error)
        }
        // Stopped as the run ends: the checkpoint after the last commit overlaps the index, and the database file
        // holds the whole batch before the run returns.
        defer { history?.stopBackgroundCheckpoints() }
        pool.start()
        var committer = BatchCommitter(configuration: configuration, files: files, worker: worker, history: history, total: inputs.count)
        var failure: BatchError?
        do throws(BatchError) {
            try pool.drain { (number, outcome) throws(BatchError) -> Bool in
                try committer.commit(outcome, input: inputs[number], number: number, journal: &journal)
                events(.progress(committer.progress))
                if case .failed(let diagnostics) = committer.lastFailure { events(.failed(inputs[number].label, diagnostics)) }
                if configuration.failFast && committer.lastFailure != nil { committer.stoppedAtFailure = true }
                return !committer.stoppedAtFailure && control.stopSignal == nil
            }
        } catch {
            failure = error
        }
        pool.finish()
        do throws(BatchError) {
            try committer.flushHistory(journal: &journal)
        } catch {
            failure = failure ?? error
        }
        journal.finish()
        if let failure { throw failure }
        do throws(DiagnosticsError) {
            try committer.writeIndex()
            if control.stopSignal == nil && !committer.stoppedAtFailure {
                try journal.compact(keeping: inputs.map(\.label))
            }
        } catch {
            throw .output(error)
        }
        return committer.summary(stoppedBySignal: control.stopSignal)
    }
}

/// What the committer reports as it goes.
public enum BatchEvent: Sendable {
    case progress(BatchProgress)
    /// An input that could not be scored, with its problems.
    case failed(String, [Diagnostic])
}

/// The worker threads and the bounded reorder window between them and the committer.
final class WorkerPool: Sendable {
    private let inputs: [BatchInput]
    private let worker: BatchWorker
    private let control: BatchControl
    private let jobs: Int
    private let next = Atomic<Int>(0)
    private let stopped = Atomic<Bool>(false)
    private let running = Atomic<Int>(0)
    private let results = Mutex<[Int: ItemOutcome]>([:])
    /// One permit per item a worker may score ahead of the committer.
    private let slots: DispatchSemaphore
    /// Signalled for every result deposited and every worker that ends.
    private let ready = DispatchSemaphore(value: 0)
    private let group = DispatchGroup()

    init(inputs: [BatchInput], worker: BatchWorker, control: BatchControl, jobs: Int, window: Int) {
        self.inputs = inputs
        self.worker = worker
        self.control = control
        self.jobs = jobs
        // Created empty and filled: libdispatch traps when a semaphore is freed below its initial value,
        // which a run stopped early would leave.
        slots = DispatchSemaphore(value: 0)
        for _ in 0..<window { slots.signal() }
    }

    func start() {
        running.store(jobs, ordering: .sequentiallyConsistent)
        for _ in 0..<jobs {
            let thread = DispatchQueue.global(qos: .userInitiated)
            thread.async(group: group) { [self] in
                work(with: worker.forOneThread())
                running.subtract(1, ordering: .sequentiallyConsistent)
                ready.signal()
            }
        }
    }

    private func work(with worker: BatchWorker) {
        while true {
            slots.wait()
            if stopped.load(ordering: .relaxed) || control.stopSignal != nil { return }
            let number = next.add(1, ordering: .relaxed).oldValue
            guard number < inputs.count else { return }
            let outcome = worker.process(inputs[number], number: number)
            results.withLock { $0[number] = outcome }
            ready.signal()
        }
    }

    /// Hands results to `commit` in input order until all are committed or `commit` returns false.
    func drain(_ commit: (Int, ItemOutcome) throws(BatchError) -> Bool) throws(BatchError) {
        var number = 0
        while number < inputs.count {
            ready.wait()
            while number < inputs.count, let outcome = results.withLock({ $0.removeValue(forKey: number) }) {
                slots.signal()
                guard try commit(number, outcome) else { return }
                number += 1
            }
            if control.stopSignal != nil || running.load(ordering: .sequentiallyConsistent) == 0
                && results.withLock({ $0[number] == nil })
            {
                return
            }
        }
    }

    /// Stops the workers and waits for them (each finishes at most the item it holds).
    func finish() {
        stopped.store(true, ordering: .relaxed)
        for _ in 0..<jobs { slots.signal() }
        group.wait()
        results.withLock { $0.removeAll() }
    }
}
