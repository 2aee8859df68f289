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

    init(directory: String) {
        path = directory + "/" + Self.fileName
    }

    private init(path: String) {
        self.path = path
    }

    /// Rewrites the journal with one line per input in `labels` (its latest), in that order: after a complete run,
    /// so lines of items done again, and of inputs no longer in the batch, do not pile up run after run.
    /// Written beside the journal and renamed over it, so a crash leaves the old journal or the new one.
    func compact(keeping labels: [String]) throws(DiagnosticsError) {
        let entries = load()
        var compacted = BatchJournal(path: path + ".new")
        for label in labels {
            if let entry = entries[label] { compacted.append(entry) }
        }
        let descriptor = open(compacted.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw BatchFiles.failure("cannot write the batch journal", path: compacted.path) }
        defer { close(descriptor) }
        try BatchFiles.writeAll(compacted.pending, to: descriptor, path: compacted.path)
        guard rename(compacted.path, path) == 0 else { throw BatchFiles.failure("cannot replace the batch journal", path: path) }
    }

    /// What earlier runs finished, by input label (the last line for a label wins).
    func load() -> [String: Entry] {
        guard let bytes = try? InputFile.read(path, limit: 1 << 30) else { return [:] }
        var entries: [String: Entry] = [:]
        for line in bytes.split(separator: UInt8(ascii: "\n")) {
            if let entry = Self.parse(String(decoding: line, as: UTF8.self)) { entries[entry.label] = entry }
        }
        return entries
    }

    mutating func append(_ entry: Entry) {
        for field in [entry.label, entry.inputSHA256, entry.rubricSHA256, entry.stem, entry.client, entry.verdict.rawValue] {
            Self.appendEscaped(field, to: &pending)
            pending.append(0x09)
        }
        if let overall = entry.overall { pending.append(contentsOf: String(overall).utf8) }
        pending.append(0x09)
        for (index, score) in entry.scores.enumerated() {
            if index > 0 { pending.append(0x2C) }
            if let score { pending.append(contentsOf: String(score).utf8) }
        }
        pending.append(0x09)
        Self.appendEscaped(entry.outputs, to: &pending)
        pending.append(contentsOf: [0x09, 0x65, 0x6E, 0x64, 0x0A])  // "\tend\n"
    }

    /// `escape(text)`'s UTF-8, written on bytes: backslash, tab, line feed and carriage return are the only bytes
    /// escaped, and none of them occurs inside a multi-byte character.
    static func appendEscaped(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { utf8 in
            var run = 0
            for index in 0..<utf8.count {
                let escaped: UInt8
                switch utf8[index] {
                case 0x5C: escaped = 0x5C
                case 0x09: escaped = 0x74
                case 0x0A: escaped = 0x6E
                case 0x0D: escaped = 0x72
                default: continue
                }
                if run < index { out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<index])) }
                out.append(contentsOf: [0x5C, escaped])
                run = index + 1
            }
            if run < utf8.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run...])) }
        }
    }

    /// Writes the appended lines to the end of the file.
    mutating func flush() throws(DiagnosticsError) {
        guard !pending.isEmpty else { return }
        if descriptor < 0 {
            descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw BatchFiles.failure("cannot open the batch journal", path: path) }
        }
        try BatchFiles.writeAll(pending, to: descriptor, path: path)
        pending.removeAll(keepingCapacity: true)
    }

    mutating func finish() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
    }

    private static func parse(_ line: String) -> Entry? {
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { unescape($0) }
        // Nine fields before the outputs fingerprint was kept, ten since; "end" last either way.
        guard fields.count == 9 || fields.count == 10, fields.last == "end", let verdict = Verdict(rawValue: fields[5]) else {
            return nil
        }
        let scores = fields[7].isEmpty ? [] : fields[7].split(separator: ",", omittingEmptySubsequences: false).map { Double($0) }
        return Entry(
            label: fields[0], inputSHA256: fields[1], rubricSHA256: fields[2], stem: fields[3], client: fields[4],
            verdict: verdict, overall: Double(fields[6]), scores: scores, outputs: fields.count == 10 ? fields[8] : "")
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\r\n": out += "\\r\\n"
            default: out.append(character)
            }
        }
        return out
    }

    private static func unescape(_ text: Substring) -> String {
        var out = ""
        var escaping = false
        for character in text {
            if escaping {
                switch character {
                case "t": out += "\t"
                case "n": out += "\n"
                case "r": out += "\r"
                default: out.append(character)
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                out.append(character)
            }
        }
        return out
    }
}
