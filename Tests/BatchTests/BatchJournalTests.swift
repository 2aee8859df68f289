import TestSupport
import Assessment
import Foundation
import Testing

@testable import Batch

@Suite struct BatchJournalTests {
    static let awkward = [
        "plain.yaml", "tab\there", "line\nbreak", "cr\rlf\r\n", "back\\slash", "Zoë ☃ 🍞", "", "\\t literal", "trailing\\",
        "\\", "\t", "\n\n", "e\u{301}t\u{301}", "👩‍👩‍👧 🇫🇷🇩🇪", "nul\u{0}byte", "comma,1.5,", "end", "\tend", "北京 Studio",
        "tab\t\u{301}then a combining mark", "\r\u{20DD}",
    ]

    static let awkwardNumbers: [Double?] = [
        49.2, nil, 0, -0.0, 100, 1e-7, 1.5e300, .infinity, -.infinity, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 0.1 + 0.2,
    ]

    /// Entries with `awkward` text in every text field.
    static func awkwardEntries() -> [BatchJournal.Entry] {
        awkward.enumerated().map { index, text in
            BatchJournal.Entry(
                label: "\(index) \(text)", inputSHA256: String(repeating: "a", count: 64), rubricSHA256: text, stem: "stem-\(index)\(text)",
                client: text, verdict: Verdict.allCases[index % Verdict.allCases.count],
                overall: awkwardNumbers[index % awkwardNumbers.count],
                scores: [12.5, nil, 100, 0, awkwardNumbers[(index + 1) % awkwardNumbers.count]], outputs: text)
        }
    }

    @Test func entriesComeBackAsTheyWereWrittenWhateverTheirText() throws {
        try withJournal { directory in
            var journal = BatchJournal(directory: directory)
            let written = Self.awkwardEntries()
            for entry in written { journal.append(entry) }
            try journal.flush()
            journal.finish()
            let loaded = journal.load()
            #expect(loaded.count == written.count)
            for entry in written { #expect(loaded[entry.label] == entry, "\(entry.label.debugDescription)") }
        }
    }

    @Test func linesAreWrittenByteForByteAsTheFirstVersionsWroteThem() throws {
        try withJournal { directory in
            var journal = BatchJournal(directory: directory)
            let entries = Self.awkwardEntries()
            for entry in entries { journal.append(entry) }
            try journal.flush()
            journal.finish()
            #expect(try bytes(of: directory) == Array(entries.map(LegacyJournal.line).joined().utf8))
        }
    }

    @Test func bytesAreEscapedAsTheTextEscapeDoes() {
        for text in Self.awkward {
            var bytes: [UInt8] = []
            BatchJournal.appendEscaped(text, to: &bytes)
            #expect(bytes == Array(LegacyJournal.escape(text).utf8), "\(text.debugDescription)")
        }
    }

    /// Lines as versions before the outputs fingerprint wrote them (nine fields), as versions since write them (ten),
    /// and what a crash or a hand edit leaves: each loads as it always has.
    @Test func aJournalLeftByEarlierVersionsLoadsAsItAlwaysHas() throws {
        let hash = String(repeating: "c", count: 64)
        let text = [
            "in/old.yaml\t\(hash)\tr1\trosas-bakery\tRosa's Bakery\thybrid\t49.2\t12.5,,100.0\tend",
            "in/new.yaml\t\(hash)\tr1\tacme\tAcme\\tTabbed\\\\Co\tkeep-in-house\t\t\tfp\tend",
            "in/redone.yaml\t\(hash)\tr1\tfirst\tFirst\toutsource\t1.0\t1.0\tfp\tend",
            "in/redone.yaml\t\(hash)\tr2\tsecond\tSecond\tinconclusive\t2.0\t2.0,3.0\tfp\tend",
            "in/crlf.yaml\t\(hash)\tr1\tcrlf\tCRLF\thybrid\t1.0\t1.0\tfp\tend\r",
            "in/unknown.yaml\t\(hash)\tr1\tunknown\tUnknown\tmaybe\t1.0\t1.0\tfp\tend",
            "in/extra.yaml\t\(hash)\tr1\textra\tExtra\thybrid\t1.0\t1.0\tfp\tmore\tend",
            "",
            "in/torn.yaml\t\(hash)\tr1\ttorn\tTorn\thybrid\t1.0\t1.",
        ].joined(separator: "\n")
        let expected: [String: BatchJournal.Entry] = [
            "in/old.yaml": BatchJournal.Entry(
                label: "in/old.yaml", inputSHA256: hash, rubricSHA256: "r1", stem: "rosas-bakery", client: "Rosa's Bakery",
                verdict: .hybrid, overall: 49.2, scores: [12.5, nil, 100], outputs: ""),
            "in/new.yaml": BatchJournal.Entry(
                label: "in/new.yaml", inputSHA256: hash, rubricSHA256: "r1", stem: "acme", client: "Acme\tTabbed\\Co",
                verdict: .keepInHouse, overall: nil, scores: [], outputs: "fp"),
            "in/redone.yaml": BatchJournal.Entry(
                label: "in/redone.yaml", inputSHA256: hash, rubricSHA256: "r2", stem: "second", client: "Second",
                verdict: .inconclusive, overall: 2, scores: [2, 3], outputs: "fp"),
        ]
        try withJournal { directory in
            try write(Array(text.utf8), to: directory)
            #expect(BatchJournal(directory: directory).load() == expected)
        }
        #expect(LegacyJournal.load(Array(text.utf8)) == expected)
    }

    /// Any line at all, whole or not: the reader makes of it what the first versions' reader did.
    @Test func theReaderAgreesWithTheFirstVersionsOnAnyLine() throws {
        var random = SplitMix64(seed: 7)
        // Numbered, so that each line has a label of its own and none hides another.
        let lines = (0..<20_000).map { Array("\($0) ".utf8) + Self.randomLine(using: &random) }
        var journals = [Array(lines.joined(separator: [0x0A]))]
        // A line as written, cut short at every byte: what a crash mid-write can leave.
        let whole = Array(LegacyJournal.line(Self.awkwardEntries()[5]).utf8)
        for length in 0..<whole.count { journals.append(Array(whole[..<length])) }
        #expect(LegacyJournal.load(journals[0]).count > 5_000, "enough of the random lines are whole")
        try withJournal { directory in
            for journal in journals {
                try write(journal, to: directory)
                let loaded = BatchJournal(directory: directory).load()
                let legacy = LegacyJournal.load(journal)
                #expect(Set(loaded.keys) == Set(legacy.keys))
                for (label, entry) in legacy {
                    // Compared as text: a "nan" score is not equal to itself as a Double.
                    #expect(loaded[label].map { "\($0)" } == "\(entry)", "\(label.debugDescription)")
                }
            }
        }
    }

    /// Where the first versions' reader, on `Character`s, lost text: an escaped tab, line feed or carriage return
    /// followed by a combining mark read back as the escape letter with the mark on it.
    @Test func aCombiningMarkAfterAnEscapedControlCharacterComesBack() throws {
        let text = "a\t\u{301}b\n\u{20DD}c\r\u{308}"
        var entry = Self.awkwardEntries()[0]
        entry.client = text
        let line = Array(LegacyJournal.line(entry).utf8)
        #expect(LegacyJournal.load(line)[entry.label]?.client == "at\u{301}bn\u{20DD}cr\u{308}")
        try withJournal { directory in
            try write(line, to: directory)
            #expect(BatchJournal(directory: directory).load()[entry.label]?.client == text)
        }
    }

    /// After a complete run the journal is rewritten with the latest line of each input, in input order, and
    /// those lines are the bytes the writer wrote.
    @Test func compactingKeepsTheLatestLineOfEachInputByteForByte() throws {
        try withJournal { directory in
            var journal = BatchJournal(directory: directory)
            let entries = Self.awkwardEntries()
            var stale = entries[3]
            stale.stem = "stale"
            var gone = entries[4]
            gone.label = "no longer an input"
            for entry in [stale, gone] + entries { journal.append(entry) }
            try journal.flush()
            journal.finish()
            let labels = entries.map(\.label).reversed() + ["never done"]
            try journal.compact(keeping: labels)
            #expect(try bytes(of: directory) == Array(entries.reversed().map(LegacyJournal.line).joined().utf8))
        }
    }

    /// Compacting writes the same bytes whether or not the journal can tell it holds them already (a first run,
    /// begun empty, with the inputs journaled in order and no label repeated): in every case, the latest line of
    /// each label in `labels`, in that order.
    @Test(arguments: [
        ("a first run", [], [0, 2, 3], [0, 1, 2, 3, 4]),
        ("a first run that journaled nothing", [], [], [0, 1]),
        ("an input given twice", [], [0, 1], [0, 1, 0]),
        ("inputs journaled out of order", [], [1, 0], [0, 1]),
        ("an input journaled twice", [], [0, 0, 1], [0, 1]),
        ("a run after another", [0, 1, 2], [1], [0, 1, 2]),
        ("a run after another, nothing done again", [0, 1, 2], [], [2, 1]),
    ] as [(String, [Int], [Int], [Int])])
    func compactingWritesTheLatestLineOfEachInput(_ run: String, before: [Int], appended: [Int], labels: [Int]) throws {
        let entries = Self.awkwardEntries()
        try withJournal { directory in
            var earlier = BatchJournal(directory: directory)
            for index in before { earlier.append(entries[index]) }
            try earlier.flush()
            earlier.finish()
            var journal = BatchJournal(directory: directory)
            for (time, index) in appended.enumerated() {
                var entry = entries[index]
                entry.stem = "run \(time)"
                journal.append(entry)
                try journal.flush()
            }
            journal.finish()
            let written = try bytes(of: directory)
            let latest = BatchJournal.entries(in: written)
            try journal.compact(keeping: labels.map { entries[$0].label })
            let expected = labels.compactMap { latest[entries[$0].label] }.map(LegacyJournal.line).joined()
            #expect(try bytes(of: directory) == Array(expected.utf8), "\(run)")
            #expect(FileManager.default.fileExists(atPath: directory + "/" + BatchJournal.fileName), "\(run)")
        }
    }

    @Test func aLineAppendedAfterALineCutShortByACrashIsKept() throws {
        try withJournal { directory in
            let entries = Self.awkwardEntries()
            let whole = Array(LegacyJournal.line(entries[0]).utf8)
            let cut = Array(LegacyJournal.line(entries[1]).utf8.dropLast(7))
            try write(whole + cut, to: directory)
            var journal = BatchJournal(directory: directory)
            journal.append(entries[2])
            try journal.flush()
            journal.finish()
            let loaded = journal.load()
            #expect(loaded[entries[0].label] == entries[0])
            #expect(loaded[entries[1].label] == nil, "the cut line is not taken as finished")
            #expect(loaded[entries[2].label] == entries[2], "the line appended after the cut one")
            #expect(try bytes(of: directory) == whole + cut + [0x0A] + Array(LegacyJournal.line(entries[2]).utf8))
        }
    }

    /// The saving that case exists for: a first run's journal is left in place rather than read back and rewritten.
    @Test func aFirstRunsJournalIsNotRewritten() throws {
        try withJournal { directory in
            var journal = BatchJournal(directory: directory)
            let entries = Self.awkwardEntries()
            for entry in entries { journal.append(entry) }
            try journal.flush()
            journal.finish()
            let path = directory + "/" + BatchJournal.fileName
            let file = try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int
            try journal.compact(keeping: entries.map(\.label))
            #expect(try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int == file, "not renamed over")
        }
    }

    /// A line of random fields from pieces that exercise the format: separators, escapes, numbers, verdicts,
    /// non-ASCII and invalid UTF-8. Combining marks are left out: see `LegacyJournal`.
    static func randomLine(using random: inout SplitMix64) -> [UInt8] {
        let textPieces: [[UInt8]] = [
            "a", "Z", "0", " ", "-", ".", "\\", "\\t", "\\n", "\\r", "\\\\", "\\x", "t", "n", "\r", "é", "☃", "🍞", "end", ",",
        ].map { Array($0.utf8) } + [[0xFF], [0xC3], [0xE2, 0x98], [0x80]]
        let numberPieces: [[UInt8]] = ["1", "2.5", "-", "e", "9", ".", ",", "nan", "inf", "0x1p3", " ", "+", "\\"].map { Array($0.utf8) }
        func field(_ pieces: [[UInt8]]) -> [UInt8] {
            (0..<Int.random(in: 0...4, using: &random)).flatMap { _ in pieces.randomElement(using: &random)! }
        }
        var fields: [[UInt8]] = (0..<5).map { _ in field(textPieces) }
        fields.append(Int.random(in: 0..<5, using: &random) == 0 ? field(textPieces) : Array(Verdict.allCases.randomElement(using: &random)!.rawValue.utf8))
        fields += [field(numberPieces), field(numberPieces), field(textPieces)]
        if Bool.random(using: &random) { fields.append(field(textPieces)) }
        if Int.random(in: 0..<8, using: &random) == 0 { fields.append(field(textPieces)) }
        fields.append(Int.random(in: 0..<5, using: &random) == 0 ? field(textPieces) : Array("end".utf8))
        return Array(fields.joined(separator: [0x09]))
    }

    private func withJournal(_ body: (String) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("insource-journal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try body(directory.path)
    }

    private func write(_ bytes: [UInt8], to directory: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: directory + "/" + BatchJournal.fileName))
    }

    private func bytes(of directory: String) throws -> [UInt8] {
        let path = directory + "/" + BatchJournal.fileName
        return FileManager.default.fileExists(atPath: path) ? Array(try Data(contentsOf: URL(fileURLWithPath: path))) : []
    }
}
