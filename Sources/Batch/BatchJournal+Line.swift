import Assessment

/// The journal's line format: an entry's fields separated by tabs, then `end` and a line feed. Text fields have
/// backslash, tab, line feed and carriage return escaped as `\\`, `\t`, `\n`, `\r`; numbers are written as Swift
/// prints them, an absent one as nothing; scores are separated by commas.
///
/// Both directions work on UTF-8 bytes, never forming `Character`s: every byte the format gives a meaning to is
/// ASCII, and an ASCII byte never occurs inside a multi-byte character.
extension BatchJournal {
    private static let tab = UInt8(ascii: "\t")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let backslash = UInt8(ascii: "\\")
    private static let comma = UInt8(ascii: ",")

    // MARK: Writing

    static func appendLine(_ entry: Entry, to out: inout [UInt8]) {
        appendField(entry.label, to: &out)
        appendField(entry.inputSHA256, to: &out)
        appendField(entry.rubricSHA256, to: &out)
        appendField(entry.stem, to: &out)
        appendField(entry.client, to: &out)
        appendField(entry.verdict.rawValue, to: &out)
        if let overall = entry.overall { out.append(contentsOf: overall.description.utf8) }
        out.append(tab)
        for (index, score) in entry.scores.enumerated() {
            if index > 0 { out.append(comma) }
            if let score { out.append(contentsOf: score.description.utf8) }
        }
        out.append(tab)
        appendField(entry.outputs, to: &out)
        out.append(contentsOf: "end\n".utf8)
    }

    private static func appendField(_ text: String, to out: inout [UInt8]) {
        appendEscaped(text, to: &out)
        out.append(tab)
    }

    static func appendEscaped(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { utf8 in
            // Most fields have nothing to escape, and a plain search is quicker than the loop below.
            guard utf8.contains(where: { escapeLetter($0) != nil }) else { return out.append(contentsOf: utf8) }
            var run = 0
            for index in utf8.indices {
                guard let letter = escapeLetter(utf8[index]) else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<index]))
                out.append(backslash)
                out.append(letter)
                run = index + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run...]))
        }
    }

    /// What follows the backslash in place of `byte`, or nil when it is written as it is.
    private static func escapeLetter(_ byte: UInt8) -> UInt8? {
        switch byte {
        case backslash: return backslash
        case tab: return UInt8(ascii: "t")
        case lineFeed: return UInt8(ascii: "n")
        case UInt8(ascii: "\r"): return UInt8(ascii: "r")
        default: return nil
        }
    }

    // MARK: Reading

    /// The entries in a journal's bytes, by label (the last line for a label wins).
    static func entries(in journal: [UInt8]) -> [String: Entry] {
        var entries: [String: Entry] = [:]
        journal.withUnsafeBufferPointer { journal in
            var start = 0
            while start < journal.count {
                let end = journal[start...].firstIndex(of: lineFeed) ?? journal.count
                if let entry = parse(UnsafeBufferPointer(rebasing: journal[start..<end])) { entries[entry.label] = entry }
                start = end + 1
            }
        }
        return entries
    }

    /// One line's entry; nil for a line that is not whole, such as one a crash cut short.
    static func parse(_ line: UnsafeBufferPointer<UInt8>) -> Entry? {
        let fields = ranges(in: line, separatedBy: tab)
        func text(_ field: Int) -> String {
            unescape(UnsafeBufferPointer(rebasing: line[fields[field]]))
        }
        // Nine fields before the outputs fingerprint was kept, ten since; "end" last either way.
        guard fields.count == 9 || fields.count == 10, text(fields.count - 1) == "end", let verdict = Verdict(rawValue: text(5)) else {
            return nil
        }
        return Entry(
            label: text(0), inputSHA256: text(1), rubricSHA256: text(2), stem: text(3), client: text(4), verdict: verdict,
            overall: Double(text(6)), scores: numbers(text(7)), outputs: fields.count == 10 ? text(8) : "")
    }

    /// Comma-separated numbers, each nil where it is not one; none at all for "".
    private static func numbers(_ text: String) -> [Double?] {
        guard !text.isEmpty else { return [] }
        var text = text
        return text.withUTF8 { utf8 in
            ranges(in: utf8, separatedBy: comma).map { Double(String(decoding: UnsafeBufferPointer(rebasing: utf8[$0]), as: UTF8.self)) }
        }
    }

    /// The stretches of `bytes` between separators, empty ones included: one more than there are separators.
    private static func ranges(in bytes: UnsafeBufferPointer<UInt8>, separatedBy separator: UInt8) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(10)  // a whole line's fields
        var start = 0
        for index in bytes.indices where bytes[index] == separator {
            ranges.append(start..<index)
            start = index + 1
        }
        ranges.append(start..<bytes.count)
        return ranges
    }

    /// A field's text with the escapes undone; a backslash before any other byte stands for that byte.
    private static func unescape(_ field: UnsafeBufferPointer<UInt8>) -> String {
        var text = String(decoding: field, as: UTF8.self)
        guard field.contains(backslash) else { return text }
        // Undone on the repaired text, as lines always were read: a backslash between the two halves of a broken
        // character keeps them two replacement characters rather than joining them into one.
        return text.withUTF8 { utf8 in
            var out: [UInt8] = []
            out.reserveCapacity(utf8.count)
            var escaping = false
            for byte in utf8 {
                if escaping {
                    switch byte {
                    case UInt8(ascii: "t"): out.append(tab)
                    case UInt8(ascii: "n"): out.append(lineFeed)
                    case UInt8(ascii: "r"): out.append(UInt8(ascii: "\r"))
                    default: out.append(byte)
                    }
                    escaping = false
                } else if byte == backslash {
                    escaping = true
                } else {
                    out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
