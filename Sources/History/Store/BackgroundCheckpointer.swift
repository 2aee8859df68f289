import Dispatch
import Synchronization

/// Copies the WAL into the database file from a thread of its own, on its own connection, while a long run records.
///
/// Left to itself SQLite checkpoints on the thread that commits: now and then a commit waits for the copy and two
/// fsyncs, and closing waits for whatever is left, which after a large batch is tens of megabytes. Here the
/// recording thread only appends to the WAL. A passive checkpoint never blocks it, and once a checkpoint has copied
/// everything the next commit starts the WAL from its beginning, so the file stays small and closing has little to do.
final class BackgroundCheckpointer: Sendable {
    private let requests = DispatchSemaphore(value: 0)
    private let started = DispatchSemaphore(value: 0)
    private let stopped = DispatchSemaphore(value: 0)
    private let opened = Atomic<Bool>(false)
    private let stopping = Atomic<Bool>(false)

    /// Nil when the thread could not open its connection; the caller then keeps SQLite's own checkpoints.
    init?(path: String) {
        // A queue of its own gets a thread of its own (libdispatch does not count it against the cores the
        // batch's workers use), and the connection never leaves that thread.
        DispatchQueue(label: "insource.history.checkpoints").async { [self] in run(path: path) }
        started.wait()
        guard opened.load(ordering: .sequentiallyConsistent) else {
            stopped.wait()
            return nil
        }
    }

    /// Asks for a checkpoint soon; called after each commit.
    func request() {
        requests.signal()
    }

    /// Runs a last checkpoint, so the database file holds everything committed so far, and ends the thread.
    func stop() {
        stopping.store(true, ordering: .sequentiallyConsistent)
        requests.signal()
        stopped.wait()
    }

    private func run(path: String) {
        defer { stopped.signal() }
        let connection: Connection
        do throws(HistoryError) {
            connection = try Connection(path: path, mode: .readWrite)
            // Also reads the header: until then a new connection does not know the file is in WAL mode and its
            // checkpoints do nothing.
            guard try connection.text("PRAGMA journal_mode") == "wal" else { throw connection.error(1, sql: nil) }
        } catch {
            started.signal()
            return
        }
        opened.store(true, ordering: .sequentiallyConsistent)
        started.signal()
        while true {
            requests.wait()
            // Requests that piled up while the last checkpoint ran are all served by the next one.
            while requests.wait(timeout: .now()) == .success {}
            // Read before the checkpoint: once `stop` has been called, this checkpoint starts after the last
            // commit, so it copies everything and is the last one.
            let last = stopping.load(ordering: .sequentiallyConsistent)
            connection.checkpointPassively()
            if last { return }
        }
    }
}
