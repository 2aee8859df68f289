import Assessment
import History
import Reporting
import Synchronization

/// What a batch writes for each client.
public enum BatchFormat: String, Sendable, CaseIterable {
    case text, json, html, markdown

    public var fileExtension: String {
        switch self {
        case .text: return "txt"
        case .json: return "json"
        case .html: return "html"
        case .markdown: return "md"
        }
    }

    /// The extension with its dot: short enough to be stored inline, so making it allocates nothing.
    var fileSuffix: String { "." + fileExtension }
}

/// How a batch runs.
public struct BatchConfiguration: Sendable {
    public var outputDirectory: String
    public let formats: [BatchFormat]
    /// Worker threads that read, score and render; the committer runs on the caller's thread.
    public var jobs: Int
    public var failFast: Bool
    /// The rubric for every input (id or file); else the one each questionnaire names, else `defaultRubric`.
    public var rubric: String?
    public var defaultRubric: String
    public var search: RubricSearchPath
    /// Needed for HTML and Markdown.
    public internal(set) var renderer: ReportRenderer?
    /// Needed for text: the terminal summary, which the command line owns.
    public var textSummary: (@Sendable (Assessment) -> String)?
    /// An input's problems as text for the index (the command line formats diagnostics).
    public var describe: @Sendable ([Diagnostic]) -> String
    /// What the outputs are made with beside each input and rubric: the formats, the template (with its
    /// branding and styles) and this Insource's version. An item finished under other ones is done again.
    public let outputsFingerprint: String
    /// Assessments recorded in one history transaction.
    public var historyBatchSize: Int = 256
    /// How many items may be scored ahead of the committer: the bound on what is held in memory.
    public var window: Int
    /// Reports wait for the committer as unnamed files where the system allows (see `ScratchFile`); false always
    /// uses named files in the scratch folder. The outputs are the same either way.
    var unnamedScratchFiles = true

    public init(
        outputDirectory: String, formats: [BatchFormat], jobs: Int, failFast: Bool, rubric: String?, defaultRubric: String,
        search: RubricSearchPath, renderer: ReportRenderer?, textSummary: (@Sendable (Assessment) -> String)?,
        describe: @escaping @Sendable ([Diagnostic]) -> String
    ) {
        self.outputDirectory = outputDirectory
        self.formats = formats
        self.jobs = max(1, jobs)
        self.failFast = failFast
        self.rubric = rubric
        self.defaultRubric = defaultRubric
        self.search = search
        self.renderer = renderer
        outputsFingerprint = SHA256Digest.hex(of: Array(
            ([InsourceVersion.current] + formats.map(\.rawValue) + [renderer?.template.fingerprint ?? "-"]).joined(separator: "\n").utf8))
        self.textSummary = textSummary
        self.describe = describe
        window = max(1, jobs) * 16
    }
}

/// Asks a running batch to stop; safe to use from a signal handler's queue.
public final class BatchControl: Sendable {
    private let signal = Atomic<Int32>(0)

    public init() {}

    /// Stops the batch after the item being committed; `signal` is reported back in the summary.
    public func stop(signal number: Int32) {
        _ = signal.compareExchange(expected: 0, desired: number, ordering: .relaxed)
    }

    public var stopSignal: Int32? {
        let value = signal.load(ordering: .relaxed)
        return value == 0 ? nil : value
    }
}

/// How far a batch has got, reported after each committed item.
public struct BatchProgress: Sendable {
    public var done: Int
    public var total: Int
    public var failed: Int
    /// Items finished by an earlier run and skipped.
    public var skipped: Int
}

/// What a batch did.
public struct BatchSummary: Sendable {
    public var total: Int
    public var scored: Int
    public var skipped: Int
    public var failed: Int
    public var notProcessed: Int
    /// Set when a signal stopped the run.
    public var stoppedBySignal: Int32?
    /// True when `failFast` stopped the run at a failure.
    public var stoppedAtFailure: Bool
}

/// A problem that ends the whole batch (as opposed to one input's problems, which are listed in the index).
public enum BatchError: Error {
    case output(DiagnosticsError)
    case history(HistoryError)
}
