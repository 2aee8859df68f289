import RuleExpressions

/// A questionnaire file read and parsed, before it is checked against a rubric.
public struct QuestionnaireDocument: Sendable {
    public var source: SourceText
    public var root: DocumentNode
    public var sha256: String
    /// The `rubric:` the file names, if any.
    public var rubricID: String?
    /// Set for a row of a CSV file: problems then name the row and the column.
    public var csv: CSVOrigin?

    public init(source: SourceText, root: DocumentNode, sha256: String, rubricID: String?, csv: CSVOrigin? = nil) {
        self.source = source
        self.root = root
        self.sha256 = sha256
        self.rubricID = rubricID
        self.csv = csv
    }
}

/// Reads questionnaires (YAML or JSON) and checks their answers against a rubric.
public enum QuestionnaireLoader {
    static let topLevelKeys = ["rubric", "client", "assessed_on", "assessor", "answers", "notes"]
    static let clientKeys = RuleNames.clientFields.map(\.name)

    public static func read(path: String) throws(DiagnosticsError) -> QuestionnaireDocument {
        try read(bytes: InputFile.read(path), path: path)
    }

    public static func read(bytes: [UInt8], path: String) throws(DiagnosticsError) -> QuestionnaireDocument {
        let source = try DocumentReader.decode(bytes, path: path)
        let root = try DocumentReader.read(source)
        var rubricID: String?
        if let pairs = root.mappingPairs, let node = pairs.first(where: { $0.key.scalarText == "rubric" })?.value, !node.isNull {
            rubricID = node.scalarText
        }
        return QuestionnaireDocument(source: source, root: root, sha256: SHA256Digest.hex(of: bytes), rubricID: rubricID)
    }

    /// Checks every part of the questionnaire against `rubric`; throws all problems at once.
    public static func check(_ document: QuestionnaireDocument, against rubric: Rubric) throws(DiagnosticsError) -> Questionnaire {
        let checker = DocumentChecker(source: document.source)
        guard let top = checker.fields(document.root, "the questionnaire", keys: topLevelKeys, required: ["client", "answers"]) else {
            throw DiagnosticsError(checker.diagnostics)
        }
        if let node = top["rubric"], let id = checker.string(node, "rubric"), id != rubric.id {
            checker.error("this questionnaire is for rubric '\(id)', but it is being scored with '\(rubric.id)'", at: node)
        }
        let client = readClient(top["client"], checker: checker)
        let assessedOn = checker.string(top["assessed_on"], "assessed_on")
        if let node = top["assessed_on"], let date = assessedOn, !CalendarDate.isValid(date) {
            checker.error("assessed_on must be a date written YYYY-MM-DD, found '\(date)'", at: node)
        }
        let (answers, inRubricOrder) = AnswerChecker(rubric: rubric, checker: checker).answers(top["answers"], in: document.root)
        guard checker.diagnostics.isEmpty, let client else {
            let sorted = checker.diagnostics.sorted { ($0.location ?? .init(line: 0, column: 0)) < ($1.location ?? .init(line: 0, column: 0)) }
            throw DiagnosticsError(document.csv.map { origin in sorted.map { origin.locate($0) } } ?? sorted)
        }
        return Questionnaire(
            path: document.source.path, sha256: document.sha256, rubricID: document.rubricID, client: client,
            assessedOn: assessedOn, assessor: checker.string(top["assessor"], "assessor"),
            notes: checker.string(top["notes"], "notes"), answers: answers,
            answersInRubricOrder: rubric.plan.questionIDsAreUnique ? (rubric.plan.identity, inRubricOrder) : nil)
    }

    private static func readClient(_ node: DocumentNode?, checker: DocumentChecker) -> Client? {
        guard let node, let fields = checker.fields(node, "client", keys: clientKeys, required: ["name"]) else { return nil }
        var client = Client(name: checker.string(fields["name"], "client name") ?? "")
        if let nameNode = fields["name"], client.name.unicodeScalars.allSatisfy(\.properties.isWhitespace) {
            checker.error("the client's name is blank", at: nameNode)
        }
        client.id = checker.string(fields["id"], "client id")
        client.owner = checker.string(fields["owner"], "owner")
        client.email = checker.string(fields["email"], "email")
        if let email = client.email, let emailNode = fields["email"], !EmailAddress.isPlausible(email) {
            checker.error("'\(email)' is not an e-mail address", at: emailNode)
        }
        client.industry = checker.string(fields["industry"], "industry")
        client.employees = checker.integer(fields["employees"], "employees")
        if let count = client.employees, count < 0, let countNode = fields["employees"] {
            checker.error("employees cannot be negative", at: countNode)
        }
        client.website = checker.string(fields["website"], "website")
        client.location = checker.string(fields["location"], "location")
        return client
    }
}

extension String {
    func trimmingWhitespace() -> Substring {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return Substring(scalars[first...last])
    }
}

/// Dates as questionnaires write them.
enum CalendarDate {
    static func isValid(_ text: String) -> Bool {
        // The usual YYYY-MM-DD, all ASCII, is read byte by byte; anything else the general way.
        guard let date = plainDigits(text) else { return isValid(characters: text) }
        return isValid(year: date.year, month: date.month, day: date.day)
    }

    static func isValid(characters text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return false }
        return isValid(year: year, month: month, day: day)
    }

    private static func isValid(year: Int, month: Int, day: Int) -> Bool {
        guard (1...12).contains(month) else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return (1...days).contains(day)
    }

    /// Ten ASCII bytes DDDD-DD-DD, read as numbers. ASCII digits and hyphens never join a neighbour into one
    /// character, so the general reading would see the same three parts.
    private static func plainDigits(_ text: String) -> (year: Int, month: Int, day: Int)? {
        let bytes = text.utf8
        guard bytes.count == 10 else { return nil }
        var numbers = (0, 0, 0)
        for (offset, byte) in bytes.enumerated() {
            if offset == 4 || offset == 7 {
                guard byte == UInt8(ascii: "-") else { return nil }
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let digit = Int(byte - UInt8(ascii: "0"))
            switch offset {
            case ..<4: numbers.0 = numbers.0 * 10 + digit
            case ..<7: numbers.1 = numbers.1 * 10 + digit
            default: numbers.2 = numbers.2 * 10 + digit
            }
        }
        return numbers
    }
}

/// A light check of an address's shape: one '@', no blanks or control characters, a dotted domain.
enum EmailAddress {
    static func isPlausible(_ text: String) -> Bool {
        // In ASCII text each byte is a character of its own (CR LF aside, which fails the test anyway), so the bytes
        // give the same answer; other text goes the general way.
        text.utf8.allSatisfy { $0 < 0x80 } ? isPlausible(ascii: text) : isPlausible(characters: text)
    }

    static func isPlausible(characters text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        // A text of at most 254 bytes has at most 254 characters, so only a longer one needs counting.
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
            text.utf8.count <= 254 || text.count <= 254
        else { return false }
        return text.unicodeScalars.allSatisfy { scalar in
            switch scalar {
            case "<", ">", "(", ")", "[", "]", ",", ";", ":", "\"", "\\": return false
            default: return scalar.value > 0x20 && scalar.value != 0x7F
            }
        }
    }

    static func isPlausible(ascii text: String) -> Bool {
        let bytes = text.utf8
        guard let at = bytes.firstIndex(of: UInt8(ascii: "@")), at != bytes.startIndex else { return false }
        let domain = bytes[bytes.index(after: at)...]
        guard !domain.contains(UInt8(ascii: "@")), domain.contains(UInt8(ascii: ".")),
            domain.first != UInt8(ascii: "."), domain.last != UInt8(ascii: "."), bytes.count <= 254
        else { return false }
        return bytes.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"),
                UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "\""), UInt8(ascii: "\\"):
                return false
            default:
                return byte > 0x20 && byte != 0x7F
            }
        }
    }
}

extension CSVOrigin {
    /// Rewrites a diagnostic made on a CSV row's nodes (whose column is the field's position) to say
    /// which row and column it concerns; the caret is dropped, since a field is not a character column.
    func locate(_ diagnostic: Diagnostic) -> Diagnostic {
        var located = diagnostic
        let column = diagnostic.location.map { $0.column - 1 }.flatMap { columns.indices.contains($0) ? columns[$0] : nil }
        located.message = "row \(row)" + (column.map { ", column '\($0)'" } ?? "") + ": " + diagnostic.message
        located.sourceLine = nil
        if let location = diagnostic.location, location.column < 1 { located.location?.column = 1 }
        return located
    }
}
