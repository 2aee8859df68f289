import Assessment
import Foundation
import Testing

/// Spreadsheet exports as people really make them.
@Suite("CSV questionnaires")
struct CSVQuestionnaireTests {
    static let header = "client.name,client.email,client.industry,followers_known_by_name,reply_expectation,posts_from_inside,channels,notes"

    static func rows(_ text: String, path: String = "clients.csv") throws -> [Questionnaire] {
        let rubric = try loadRubric(path: shippedRubricPath)
        return try CSVQuestionnaires.read(bytes: Array(text.utf8), path: path).map {
            try QuestionnaireLoader.check($0, against: rubric)
        }
    }

    @Test("a byte-order mark, CRLF line ends, and quoted fields holding commas, quotes and line breaks all load")
    func quirksLoad() throws {
        let text = "\u{FEFF}" + Self.header + "\r\n"
            + "\"Rosa's Bakery, Millbrook\",rosa@example.com,Food,5,within_hour,true,instagram|facebook,\"Line one\r\nLine \"\"two\"\"\"\r\n"
            + "Northgate,ops@example.com,Manufacturing,1,within_days,false,,\r\n"
        let questionnaires = try Self.rows(text)
        #expect(questionnaires.count == 2)
        let rosa = try #require(questionnaires.first)
        #expect(rosa.client.name == "Rosa's Bakery, Millbrook")
        #expect(rosa.client.email == "rosa@example.com")
        #expect(rosa.notes == "Line one\r\nLine \"two\"" || rosa.notes == "Line one\nLine \"two\"")
        #expect(rosa.answers["followers_known_by_name"] == .scale(5))
        #expect(rosa.answers["posts_from_inside"] == .boolean(true))
        #expect(rosa.answers["channels"] == .multiChoice(["instagram", "facebook"]))
        #expect(questionnaires[1].answers["channels"] == nil, "an empty cell is unanswered")
    }

    @Test("a semicolon-delimited export (decimal commas) loads, with ';' as the delimiter")
    func semicolonDelimiter() throws {
        let text = Self.header.replacingOccurrences(of: ",", with: ";") + "\n"
            + "Café Ñandú;hola@example.com;Food;4;same_day;true;instagram|tiktok;\"a; b\"\n"
        let questionnaires = try Self.rows(text)
        #expect(questionnaires.first?.client.name == "Café Ñandú")
        #expect(questionnaires.first?.notes == "a; b")
        #expect(questionnaires.first?.answers["channels"] == .multiChoice(["instagram", "tiktok"]))
    }

    @Test("an error in a row names the file, the row and the column")
    func rowErrorsNameRowAndColumn() throws {
        let text = Self.header + "\n" + "Good,good@example.com,Food,3,within_hour,true,,\n" + "Bad,bad@example.com,Food,9,within_hr,maybe,,\n"
        let rubric = try loadRubric(path: shippedRubricPath)
        let documents = try CSVQuestionnaires.read(bytes: Array(text.utf8), path: "clients.csv")
        #expect(documents.count == 2)
        _ = try QuestionnaireLoader.check(documents[0], against: rubric)
        let problems = diagnostics { () throws(DiagnosticsError) in try QuestionnaireLoader.check(documents[1], against: rubric) }
        #expect(problems.count == 3, "\(problems.map(\.message))")
        #expect(problems.allSatisfy { $0.path == "clients.csv" && $0.location?.line == 3 })
        #expect(problems.contains { $0.message.hasPrefix("row 3, column 'followers_known_by_name':") })
        #expect(problems.contains { $0.message.hasPrefix("row 3, column 'reply_expectation':") && $0.message.contains("did you mean") })
        #expect(problems.contains { $0.message.hasPrefix("row 3, column 'posts_from_inside':") })
    }

    @Test("a header without client.name, or with a column twice, is refused for the whole file")
    func badHeaders() {
        let missing = diagnostics { () throws(DiagnosticsError) in try CSVQuestionnaires.read(bytes: Array("name,email\nA,a@example.com\n".utf8), path: "x.csv") }
        #expect(missing.first?.message.contains("client.name") == true)
        let twice = diagnostics { () throws(DiagnosticsError) in try CSVQuestionnaires.read(bytes: Array("client.name,notes,notes\nA,b,c\n".utf8), path: "x.csv") }
        #expect(twice.first?.message.contains("appears twice") == true)
    }

    @Test("an unknown question column gets a did-you-mean naming the column")
    func unknownColumn() throws {
        let text = "client.name,folowers_known_by_name\nA,3\n"
        let rubric = try loadRubric(path: shippedRubricPath)
        let documents = try CSVQuestionnaires.read(bytes: Array(text.utf8), path: "x.csv")
        let problems = diagnostics { () throws(DiagnosticsError) in try QuestionnaireLoader.check(documents[0], against: rubric) }
        #expect(problems.contains { $0.message.contains("did you mean 'followers_known_by_name'") })
    }

    @Test("two rows with the same cells have the same fingerprint; a changed cell changes it")
    func rowFingerprints() throws {
        let text = Self.header + "\nA,a@example.com,Food,3,,,,\nA,a@example.com,Food,3,,,,\nA,a@example.com,Food,4,,,,\n"
        let documents = try CSVQuestionnaires.read(bytes: Array(text.utf8), path: "x.csv")
        #expect(documents[0].sha256 == documents[1].sha256)
        #expect(documents[0].sha256 != documents[2].sha256)
    }
}

@Suite("Spreadsheet-safe CSV output")
struct SpreadsheetCSVTests {
    @Test("cells a spreadsheet would run as formulas are kept as text; numbers stay numbers", arguments: [
        ("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""), ("+1+1", "'+1+1"), ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"), ("-1.5", "-1.5"), ("+7", "+7"), ("plain", "plain"), ("a,b", "\"a,b\""),
    ])
    func formulaCells(_ input: String, _ expected: String) {
        #expect(SpreadsheetCSV.field(input) == expected)
    }

    @Test("a comma or quote followed by a combining mark is still quoted (readers split on the byte)", arguments: [
        ("a,\u{301}b", "\"a,\u{301}b\""), ("say \"\u{301}hi", "\"say \"\"\u{301}hi\""), ("x\r\ny", "\"x\r\ny\""),
    ])
    func combiningMarksDoNotHideSeparators(_ input: String, _ expected: String) {
        #expect(SpreadsheetCSV.field(input) == expected)
    }

    @Test("a row ends in CRLF and quotes fields holding line breaks")
    func rowShape() {
        #expect(SpreadsheetCSV.row(["a", "b\nc"]) == "a,\"b\nc\"\r\n")
    }
}
