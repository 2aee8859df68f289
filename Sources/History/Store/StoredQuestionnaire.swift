import Assessment
import FoundationEssentials

/// The checked content of a questionnaire, kept with its assessment as JSON so `rescore` can score it again.
///
/// Rebuilt from the assessment rather than copied from the file, so it holds only what was checked, in a form
/// the questionnaire loader reads back; the original file's SHA-256 is kept beside it as the questionnaire's identity.
public struct StoredQuestionnaire: Sendable, Decodable {
    enum CodingKeys: String, CodingKey {
        case client, assessedOn = "assessed_on", assessor, notes, answers
    }

    public var client: Client
    public var assessedOn: String?
    public var assessor: String?
    public var notes: String?
    public var answers: [String: JSONValue]

    public init(_ assessment: Assessment) {
        client = assessment.client
        assessedOn = assessment.questionnaire.assessedOn
        assessor = assessment.questionnaire.assessor
        notes = assessment.questionnaire.notes
        var answers: [String: JSONValue] = [:]
        for record in assessment.answers {
            if let answer = record.answer { answers[record.question] = answer }
        }
        self.answers = answers
    }

    public init(json: String) throws {
        self = try JSONDecoder().decode(StoredQuestionnaire.self, from: Data(json.utf8))
    }

    /// The questionnaire as JSON with sorted keys, keeping only the answers `questions` names (all when nil).
    public func json(keeping questions: Set<String>? = nil) -> String {
        var client: [(String, String)] = []
        func add(_ key: String, _ value: String?) { if let value { client.append((key, JSONText.string(value))) } }
        add("email", self.client.email)
        if let employees = self.client.employees { client.append(("employees", String(employees))) }
        add("id", self.client.id)
        add("industry", self.client.industry)
        add("location", self.client.location)
        add("name", self.client.name)
        add("owner", self.client.owner)
        add("website", self.client.website)
        var top: [(String, String)] = [("client", JSONText.object(client))]
        let kept = answers.filter { questions?.contains($0.key) ?? true }.sorted { $0.key < $1.key }
        top.append(("answers", JSONText.object(kept.map { ($0.key, JSONText.value($0.value)) })))
        if let assessedOn { top.append(("assessed_on", JSONText.string(assessedOn))) }
        if let assessor { top.append(("assessor", JSONText.string(assessor))) }
        if let notes { top.append(("notes", JSONText.string(notes))) }
        return JSONText.object(top.sorted { $0.0 < $1.0 })
    }
}

/// A small JSON writer: recording thousands of assessments a second leaves no room for an encoder per answer.
enum JSONText {
    static func object(_ members: [(String, String)]) -> String {
        "{" + members.map { string($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }

    static func value(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .double(let number): return number.isFinite ? "\(number)" : "null"
        case .string(let text): return string(text)
        case .array(let values): return "[" + values.map(Self.value).joined(separator: ",") + "]"
        }
    }

    /// Works on UTF-8 bytes (every byte to escape is ASCII, and no byte of a multi-byte character is below 0x80);
    /// text with nothing to escape, the usual case, is copied whole.
    static func string(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) else { return "\"" + text + "\"" }
        var out: [UInt8] = [0x22]
        out.reserveCapacity(utf8.count + 16)
        let hex = Array("0123456789abcdef".utf8)
        for byte in utf8 {
            switch byte {
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x0A: out += [0x5C, 0x6E]
            case 0x0D: out += [0x5C, 0x72]
            case 0x09: out += [0x5C, 0x74]
            case ..<0x20: out += [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            default: out.append(byte)
            }
        }
        out.append(0x22)
        return String(decoding: out, as: UTF8.self)
    }
}
