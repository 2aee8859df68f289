import Assessment
import Foundation
import Testing

@testable import Batch

@Suite struct BatchJournalTests {
    static let awkward = ["plain.yaml", "tab\there", "line\nbreak", "cr\rlf\r\n", "back\\slash", "Zoë ☃ 🍞", "", "\\t literal"]

    @Test func entriesComeBackAsTheyWereWrittenWhateverTheirText() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("insource-journal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var journal = BatchJournal(directory: directory.path)
        var written: [BatchJournal.Entry] = []
        for (index, text) in Self.awkward.enumerated() {
            let entry = BatchJournal.Entry(
                label: "\(index) \(text)", inputSHA256: String(repeating: "a", count: 64), rubricSHA256: "b", stem: "stem-\(index)",
                client: text, verdict: .hybrid, overall: index.isMultiple(of: 2) ? 49.2 : nil, scores: [12.5, nil, 100, 0])
            journal.append(entry)
            written.append(entry)
        }
        try journal.flush()
        journal.finish()
        let loaded = journal.load()
        #expect(loaded.count == written.count)
        for entry in written { #expect(loaded[entry.label] == entry) }
    }

    @Test func bytesAreEscapedAsTheTextEscapeDoes() {
        for text in Self.awkward {
            var bytes: [UInt8] = []
            BatchJournal.appendEscaped(text, to: &bytes)
            #expect(bytes == Array(BatchJournal.escape(text).utf8), "\(text.debugDescription)")
        }
    }
}
