import Assessment

@testable import Batch

/// The journal format as the first versions wrote and read it, on `Character`s: the reference the byte-level
/// reader and writer are checked against, so journals left by earlier versions keep loading as they did.
enum LegacyJournal {
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

    static func line(_ entry: BatchJournal.Entry) -> String {
        let texts = [entry.label, entry.inputSHA256, entry.rubricSHA256, entry.stem, entry.client, entry.verdict.rawValue]
        let overall = entry.overall.map { String($0) } ?? ""
        let scores = entry.scores.map { $0.map { String($0) } ?? "" }.joined(separator: ",")
        return (texts.map(escape) + [overall, scores, escape(entry.outputs), "end"]).joined(separator: "\t") + "\n"
    }

    static func load(_ bytes: [UInt8]) -> [String: BatchJournal.Entry] {
        var entries: [String: BatchJournal.Entry] = [:]
        for line in bytes.split(separator: UInt8(ascii: "\n")) {
            if let entry = parse(String(decoding: line, as: UTF8.self)) { entries[entry.label] = entry }
        }
        return entries
    }

    static func parse(_ line: String) -> BatchJournal.Entry? {
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { unescape($0) }
        guard fields.count == 9 || fields.count == 10, fields.last == "end", let verdict = Verdict(rawValue: fields[5]) else {
            return nil
        }
        let scores = fields[7].isEmpty ? [] : fields[7].split(separator: ",", omittingEmptySubsequences: false).map { Double($0) }
        return BatchJournal.Entry(
            label: fields[0], inputSHA256: fields[1], rubricSHA256: fields[2], stem: fields[3], client: fields[4],
            verdict: verdict, overall: Double(fields[6]), scores: scores, outputs: fields.count == 10 ? fields[8] : "")
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
