import Assessment
import Foundation
@testable import Mail
import Testing

@Suite struct ReportMessageTests {
    private let html = Array("<!DOCTYPE html>\n<html lang=\"en\"><body><p>Rosa &amp; co</p>\n</body></html>\n".utf8)

    private func message(_ assessment: Assessment, attachments: [ReportMessage.Attachment] = []) throws -> ReportMessage {
        try #require(try ReportMail.compose(
            assessment, sender: try sender(),
            content: ReportMail.Content(plainText: "Verdict: keep in-house\nLine two\n", html: html, attachments: attachments),
            date: MailDate.format(secondsSince1970: 1_795_000_000)))
    }

    @Test func pythonsParserFindsNoDefectsAndThePartsInOrder() throws {
        let assessment = try rosasAssessment()
        let attachments = [
            ReportMessage.Attachment(fileName: "rosas-bakery.html", contentType: "text/html", bytes: html),
            ReportMessage.Attachment(fileName: "rosas-bakery.md", contentType: "text/markdown", bytes: Array("# Rosa\n".utf8)),
        ]
        try withTemporaryDirectory { directory in
            let plain = directory.appendingPathComponent("plain.eml")
            let mixed = directory.appendingPathComponent("mixed.eml")
            try Data(try message(assessment).bytes).write(to: plain)
            try Data(try message(assessment, attachments: attachments).bytes).write(to: mixed)
            let parsed = try parsedByPython([plain, mixed])
            for result in parsed {
                #expect((result["defects"] as? [String]) == [], "\(result)")
                #expect(result["bare_lf"] as? Int == 0 && result["bare_cr"] as? Int == 0, "CRLF line ends only")
                #expect((result["longest_body_line"] as? Int ?? 99) <= 76)
                #expect((result["longest_header_line"] as? Int ?? 99) <= 78)
                #expect(result["html_sha256"] as? String == sha256Hex(html), "the HTML part is the report, byte for byte")
                #expect(result["mime_version"] as? String == "1.0")
                #expect(result["to"] as? String == "Rosa Martinelli <rosa@example.com>")
                #expect(result["reply_to"] as? String == "Dana Reyes <office@reyes-advisory.example>")
                #expect(result["subject"] as? String == "Rosa's Bakery: your assessment report (\(assessment.verdict.phrase))")
                #expect(result["date"] as? String == "Wed, 18 Nov 2026 11:06:40 +0000")
                #expect(result["plain_text"] as? String == "Verdict: keep in-house\nLine two\n")
            }
            let alternative: [String: Any] = ["multipart/alternative": ["text/plain", "text/html"]]
            #expect(NSDictionary(dictionary: parsed[0]["tree"] as? [String: Any] ?? [:]).isEqual(to: alternative))
            let mixedTree = try #require((parsed[1]["tree"] as? [String: Any])?["multipart/mixed"] as? [Any])
            #expect(mixedTree.count == 3)
            #expect(NSDictionary(dictionary: mixedTree[0] as? [String: Any] ?? [:]).isEqual(to: alternative))
            #expect(mixedTree[1] as? String == "text/html" && mixedTree[2] as? String == "text/markdown")
            let files = (parsed[1]["attachments"] as? [[String: Any]] ?? []).compactMap { $0["filename"] as? String }
            #expect(files == ["rosas-bakery.html", "rosas-bakery.md"])
        }
    }

    @Test func nonASCIINamesAndSubjectsComeBackExactlyThroughEncodedWords() throws {
        let name = "Panadería Rosa 🍰 ローザ «مخبز» \"quoted\""
        let assessment = try rosasAssessment(name: name, owner: "Rósa Martinelli-Ångström")
        try withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("m.eml")
            let built = try message(assessment)
            try Data(built.bytes).write(to: file)
            let parsed = try #require(try parsedByPython([file]).first)
            #expect((parsed["defects"] as? [String]) == [])
            #expect(parsed["to_name"] as? String == "Rósa Martinelli-Ångström")
            #expect(parsed["to_address"] as? String == "rosa@example.com")
            #expect(parsed["subject"] as? String == "\(name): your assessment report (\(assessment.verdict.phrase))")
            #expect((parsed["longest_header_line"] as? Int ?? 99) <= 78)
            let head = String(decoding: built.bytes.prefix(1000), as: UTF8.self)
            #expect(!head.contains("🍰"), "headers are 7-bit: non-ASCII only inside encoded words")
        }
    }

    @Test(arguments: [
        ("Evil\r\nBcc: all@example.com", "client.name"), ("Rosa\nX-Injected: 1", "client.name"), ("Rosa\u{0}", "client.name"),
    ])
    func aLineBreakOrControlInAClientNameIsRefusedNotSent(_ name: String, _ field: String) throws {
        let assessment = try rosasAssessment(name: name)
        let mailSender = try sender()
        let error = try #require(throws: MailError.self) {
            try ReportMail.compose(assessment, sender: mailSender, content: ReportMail.Content(plainText: "", html: []), date: "x")
        }
        #expect(error.kind == .content)
        #expect(error.message.hasPrefix(field), "\(error.message)")
    }

    @Test func aControlCharacterInTheOwnerOrTheAddressIsRefusedNamingTheField() throws {
        let mailSender = try sender()
        let cases = [
            (try rosasAssessment(owner: "Rosa\r\nCc: x@example.com"), "client.owner holds a control character (U+000D)"),
            (try rosasAssessment(email: "rosa@example.com\r\nBcc: x@example.com"), "client.email holds a control character (U+000D)"),
            (try rosasAssessment(name: "Invoice\u{202E}fdp.exe"), "client.name holds a control character (U+202E)"),
        ]
        for (assessment, message) in cases {
            let error = try #require(throws: MailError.self) {
                try ReportMail.compose(assessment, sender: mailSender, content: ReportMail.Content(plainText: "", html: []), date: "x")
            }
            #expect(error.message.hasPrefix(message), "\(error.message)")
        }
    }

    @Test func longAndForeignNamesFoldWithinSeventyEightColumnsAndDecodeBackExactly() throws {
        let cases = [
            (String(repeating: "A", count: 1200), "Rosa Martinelli"),
            ("Rosa's Bakery", String(repeating: "Long Owner Name ", count: 8).trimmingCharacters(in: .whitespaces)),
            ("ローザのパン屋と喫茶店", String(repeating: "ローザ・マルティネッリ", count: 4)),
            ("  two  spaces  ", "   "),
        ]
        try withTemporaryDirectory { directory in
            var files: [URL] = []
            for (index, (name, owner)) in cases.enumerated() {
                let file = directory.appendingPathComponent("m\(index).eml")
                try Data(try message(try rosasAssessment(name: name, owner: owner)).bytes).write(to: file)
                files.append(file)
            }
            let parsed = try parsedByPython(files)
            for ((name, owner), result) in zip(cases, parsed) {
                #expect((result["defects"] as? [String]) == [], "\(result)")
                #expect((result["longest_header_line"] as? Int ?? 999) <= 78, "\(name.prefix(20))")
                let display = (owner.trimmingCharacters(in: .whitespaces).isEmpty ? name : owner).trimmingCharacters(in: .whitespaces)
                #expect(result["to_decoded"] as? String == "\(display) <rosa@example.com>" || result["to_decoded"] as? String == "\"\(display)\" <rosa@example.com>",
                    "\(String(describing: result["to_decoded"]))")
                #expect(result["subject"] as? String == "\(name): your assessment report (keep in-house)")
            }
        }
    }

    @Test func aMalformedOwnerAddressIsRefusedAndAMissingOneMeansNoMessage() throws {
        #expect(throws: MailError.self) {
            _ = try ReportMail.compose(try rosasAssessment(email: "rosa at example.com"), sender: try sender(),
                content: ReportMail.Content(plainText: "", html: []), date: "x")
        }
        let none = try ReportMail.compose(try rosasAssessment(email: nil), sender: try sender(),
            content: ReportMail.Content(plainText: "", html: []), date: "x")
        #expect(none == nil)
    }

    @Test func theMessageIDIsStableForAnAssessmentAndRecipientAndDiffersOtherwise() throws {
        let first = try message(try rosasAssessment())
        let again = try message(try rosasAssessment())
        let other = try message(try rosasAssessment(email: "someone@example.com"))
        #expect(first.messageID == again.messageID)
        #expect(first.messageID != other.messageID)
        #expect(first.messageID.hasSuffix("@reyes-advisory.example>"))
    }
}

@Suite struct MailSettingsTests {
    @Test func aSettingsFileIsReadAndFlagsOverrideIt() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("insource.yaml").path
            try """
                from: dana@reyes-advisory.example
                from_name: Dana Reyes
                subject: "{client}: {verdict}"
                smtp_host: smtp.reyes-advisory.example
                smtp_port: 2525
                smtp_security: none
                smtp_auth: login
                smtp_username: dana
                smtp_password_env: TEST_SMTP_SECRET
                """.write(toFile: path, atomically: true, encoding: .utf8)
            var flags = MailSettings()
            flags.port = 587
            let settings = try MailSettings.load(path: path).overridden(by: flags)
            let server = try settings.server(environment: ["TEST_SMTP_SECRET": "s3cret"], readFile: { _ in nil })
            #expect(server.host == "smtp.reyes-advisory.example" && server.port == 587)
            #expect(server.security == .none && server.authentication == .login && server.password == "s3cret")
            #expect(try settings.sender().from.address == "dana@reyes-advisory.example")
        }
    }

    @Test func badValuesInTheFileAreReportedWithTheirLine() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("insource.yaml").path
            try "from: not-an-address\nsmtp_port: 99999\nsmtp_security: maybe\nsubject: \"{clinet}\"\n"
                .write(toFile: path, atomically: true, encoding: .utf8)
            let error = try #require(throws: DiagnosticsError.self) { try MailSettings.load(path: path) }
            #expect(error.diagnostics.compactMap { $0.location?.line } == [1, 2, 3, 4], "\(error.diagnostics.map(\.message))")
            #expect(error.diagnostics.allSatisfy { $0.path == path })
            try "from: dana@example.com\nsmtp_hots: x\n".write(toFile: path, atomically: true, encoding: .utf8)
            let misspelt = try #require(throws: DiagnosticsError.self) { try MailSettings.load(path: path) }
            #expect(misspelt.diagnostics.map(\.location?.line) == [2])
            #expect(misspelt.diagnostics.first?.message.contains("did you mean 'smtp_host'") == true)
        }
    }

    @Test func aPasswordIsNeverTakenFromTheSettingsThemselves() throws {
        var settings = MailSettings()
        settings.host = "smtp.example.com"
        settings.username = "dana"
        #expect(throws: MailError.self) { _ = try settings.server(environment: [:], readFile: { _ in nil }) }
        settings.passwordVariable = "UNSET_VARIABLE"
        #expect(throws: MailError.self) { _ = try settings.server(environment: [:], readFile: { _ in nil }) }
        settings.passwordVariable = nil
        settings.passwordFile = "/secret"
        let server = try settings.server(environment: [:], readFile: { $0 == "/secret" ? "from-file\n" : nil })
        #expect(server.password == "from-file")
    }
}
