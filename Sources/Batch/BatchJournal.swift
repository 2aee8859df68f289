import Assessment

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The record of what a batch has finished, kept in the output directory so that running the same command again
/// skips it. A line is appended only once the item's reports are in place and its history is committed; a line
/// cut short by a crash fails to parse and is ignored, so the worst a crash costs is doing an item again.
struct BatchJournal {
    static let fileName = ".insource-journal"

    struct Entry: Sendable, Hashable {
        var label: String
        var inputSHA256: String
        var rubricSHA256: String
        var stem: String
        var client: String
        var verdict: Verdict
        var overall: Double?
        var scores: [Double?]
        /// What the reports were made with (template, branding, formats, Insource version); a line from before
        /// this field existed has "" and is never taken as finished.
        var outputs: String = ""
    }

    private let path: String
    private var descriptor: Int32 = -1
    private var pending: [UInt8] = []
    /// Whether the file was empty when first opened for appending (nil until then): if so it holds the appended
    /// lines and nothing else.
    private var startedEmpty: Bool?
    /// The labels of the appended entries, in order.
    private var appendedLabels: [String] = []

    init(directory: String) {
        path = directory + "/" + Self.fileName
    }

    /// Rewrites the journal with one line per input in `labels` (its latest), in that order: after a complete run,
    /// so lines of items done again, and of inputs no longer in the batch, do not pile up run after run.
    /// Written beside the journal and renamed over it, so a crash leaves the old journal or the new one.
    func compact(keeping labels: [String]) throws(DiagnosticsError) {
        if holdsCompacted(labels) { return }
        let entries = load()
        var lines: [UInt8] = []
        for label in labels {
            if let entry = entries[label] { Self.appendLine(entry, to: &lines) }
        }
        let temporary = path + ".new"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw BatchFiles.failure("cannot write the batch journal", path: temporary) }
        defer { close(descriptor) }
        try BatchFiles.writeAll(lines, to: descriptor, path: temporary)
        guard rename(temporary, path) == 0 else { throw BatchFiles.failure("cannot replace the batch journal", path: path) }
    }

    /// Whether the file already holds what compacting would write, so that a batch's first run need not read its
    /// journal back: it began empty, the entries appended since follow the order of `labels`, and no label repeats
    /// (compacting writes a repeated label's latest line each time the label appears).
    private func holdsCompacted(_ labels: [String]) -> Bool {
        guard startedEmpty == true, pending.isEmpty, Set(labels).count == labels.count else { return false }
        var appended = appendedLabels[...]
        for label in labels where appended.first == label { appended.removeFirst() }
        return appended.isEmpty
    }

    /// What earlier runs finished, by input label (the last line for a label wins).
    func load() -> [String: Entry] {
        guard let bytes = try? InputFile.read(path, limit: 1 << 30) else { return [:] }
        return Self.entries(in: bytes)
    }

    mutating func append(_ entry: Entry) {
        Self.appendLine(entry, to: &pending)
        appendedLabels.append(entry.label)
    }

    /// Writes the appended lines to the end of the file.
    mutating func flush() throws(DiagnosticsError) {
        guard !pending.isEmpty else { return }
        if descriptor < 0 {
            descriptor = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw BatchFiles.failure("cannot open the batch journal", path: path) }
            let size = lseek(descriptor, 0, SEEK_END)
            startedEmpty = startedEmpty ?? (size == 0)
            // A crash can leave the last line cut short: the first line appended starts on a line of its own,
            // so only the cut line is lost (it fails to parse), not the one joined onto it.
            var last: UInt8 = 0
            if size > 0, pread(descriptor, &last, 1, size - 1) == 1, last != 0x0A { pending.insert(0x0A, at: 0) }
        }
        try BatchFiles.writeAll(pending, to: descriptor, path: path)
        pending.removeAll(keepingCapacity: true)
    }

    mutating func finish() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
    }
}
