import Foundation
import Testing

/// `insource score --email` and `insource mail`, on the built executable, against a real SMTP server on loopback.
@Suite struct MailCommandTests {
    @Test func scoreWithEmailWritesAMessageWhoseHTMLPartIsTheReportByteForByte() throws {
        try withTemporaryDirectory { directory in
            let out = directory.appendingPathComponent("out")
            let result = try Insource.run(["score", packagePath("Rubrics/examples/rosas-bakery.yaml"), "--format", "html", "-o", out.path,
                "--email", "--attach", "html,markdown", "--from", "dana@reyes-advisory.example", "--db", directory.appendingPathComponent("h.sqlite").path])
            #expect(result.status == 0, "\(result)")
            let report = try Array(Data(contentsOf: out.appendingPathComponent("rosas-bakery.html")))
            let message = out.appendingPathComponent("mail/rosas-bakery.eml")
            let parsed = try #require(try MailFixtures.parsed([message]).first)
            #expect((parsed["defects"] as? [String]) == [], "\(parsed)")
            #expect(parsed["html_sha256"] as? String == sha256Hex(report))
            #expect(parsed["to"] as? String == "Rosa Martinelli <rosa@example.com>")
            #expect((parsed["subject"] as? String)?.hasPrefix("Rosa's Bakery: your assessment report (") == true)
            let plain = try #require(parsed["plain_text"] as? String)
            #expect(plain.contains("Rosa's Bakery") && plain.contains("Coverage:"), "the plain part is the plain report")
            let attachments = (parsed["attachments"] as? [[String: Any]] ?? []).map { $0["filename"] as? String }
            #expect(attachments == ["rosas-bakery.html", "rosas-bakery.md"])
        }
    }

    @Test func aLineBreakInAClientNameIsRefusedWithTheFileNamedAndNoMessageWritten() throws {
        try withTemporaryDirectory { directory in
            let input = directory.appendingPathComponent("evil.yaml")
            try write(try BatchFixtures.questionnaire(client: "Evil\r\nBcc: everyone@example.com"), to: input)
            let out = directory.appendingPathComponent("out")
            let result = try Insource.run(["score", input.path, "--format", "html", "-o", out.path, "--email",
                "--from", "dana@reyes-advisory.example", "--no-history"])
            #expect(result.status == 1, "\(result)")
            #expect(result.stderr.contains(input.path) && result.stderr.contains("client.name holds a control character (U+000D)"), "\(result)")
            #expect(((try? MailFixtures.messages(in: out.appendingPathComponent("mail"))) ?? [:]).isEmpty)
        }
    }

    @Test func aBatchArrivesIntactAndASecondRunSendsNothingTwice() throws {
        try withTemporaryDirectory { directory in
            let inputs = directory.appendingPathComponent("in")
            try MailFixtures.questionnairesWithOwners(count: 8, into: inputs)
            let server = try LoopbackSMTPServer(inbox: directory.appendingPathComponent("inbox"))
            defer { server.stop() }
            let out = directory.appendingPathComponent("out")
            let db = directory.appendingPathComponent("h.sqlite").path
            let first = try Insource.run(["score", inputs.path, "-o", out.path, "--format", "html", "--db", db, "--quiet", "--email", "--send"]
                + MailFixtures.flags(port: server.port))
            #expect(first.status == 0, "\(first)")
            let written = try MailFixtures.messages(in: out.appendingPathComponent("mail"))
            let received = try server.received()
            #expect(written.count == 8 && received.count == 8)
            // Intact: the server got exactly the bytes of each .eml file, addressed to its owner.
            for (recipient, bytes) in received {
                let number = recipient.dropFirst("owner-".count).prefix { $0.isNumber }
                #expect(written["client-\(number).eml"] == bytes, "\(recipient)")
            }
            let again = try Insource.run(["mail", out.path, "--db", db, "--send"] + MailFixtures.flags(port: server.port))
            #expect(again.status == 0, "\(again)")
            #expect(again.stdout.contains("8 already sent"), "\(again)")
            #expect(try server.received().count == 8, "nothing was sent twice")
        }
    }

    @Test func aRefusedRecipientIsRecordedReportedAndNotRetriedWhileTheRestArrive() throws {
        try withTemporaryDirectory { directory in
            let inputs = directory.appendingPathComponent("in")
            try MailFixtures.questionnairesWithOwners(count: 5, into: inputs)
            let server = try LoopbackSMTPServer(inbox: directory.appendingPathComponent("inbox"), arguments: ["--refuse", "owner-3@example.com"])
            defer { server.stop() }
            let out = directory.appendingPathComponent("out")
            let db = directory.appendingPathComponent("h.sqlite").path
            let first = try Insource.run(["score", inputs.path, "-o", out.path, "--format", "html", "--db", db, "--quiet", "--email", "--send"]
                + MailFixtures.flags(port: server.port))
            #expect(first.status == 1, "a refused message fails the run\n\(first)")
            #expect(first.stdout.contains("refused") && first.stdout.contains("owner-3@example.com") && first.stdout.contains("550"), "\(first)")
            #expect(try server.received().map(\.recipient).sorted() == ["owner-1@example.com", "owner-2@example.com", "owner-4@example.com", "owner-5@example.com"])
            let again = try Insource.run(["mail", out.path, "--db", db, "--send"] + MailFixtures.flags(port: server.port))
            #expect(again.status == 1, "\(again)")
            #expect(again.stdout.contains("4 already sent, 1 refused earlier"), "\(again)")
            #expect(try server.received().count == 4)
            let log = try Insource.run(["mail", "--log", "--log-format", "csv", "--db", db])
            #expect(log.status == 0, "\(log)")
            let rows = log.stdout.split(separator: "\n").dropFirst()
            #expect(rows.count == 5)
            #expect(rows.filter { $0.contains(",accepted,1,") }.count == 4, "\(log)")
            #expect(rows.contains { $0.contains(",refused,1,owner-3@example.com,") && $0.contains("550 5.1.1 No such user here") }, "\(log)")
        }
    }

    @Test func aServerThatGoesDownMidBatchLosesNothingAndTheNextRunSendsOnlyTheRest() throws {
        try withTemporaryDirectory { directory in
            let inputs = directory.appendingPathComponent("in")
            try MailFixtures.questionnairesWithOwners(count: 7, into: inputs)
            let out = directory.appendingPathComponent("out")
            let db = directory.appendingPathComponent("h.sqlite").path
            let firstInbox = directory.appendingPathComponent("inbox-1")
            let dying = try LoopbackSMTPServer(inbox: firstInbox, arguments: ["--stop-after", "3"])
            let first = try Insource.run(["score", inputs.path, "-o", out.path, "--format", "html", "--db", db, "--quiet", "--email", "--send"]
                + MailFixtures.flags(port: dying.port))
            dying.stop()
            #expect(first.status == 1, "\(first)")
            #expect(first.stdout.contains("3 sent, 1 deferred, 3 not attempted"), "\(first)")
            #expect(first.stdout.contains("run the same command again"), "\(first)")
            let before = try dying.received()
            #expect(before.count == 3)

            let secondInbox = directory.appendingPathComponent("inbox-2")
            let server = try LoopbackSMTPServer(inbox: secondInbox)
            defer { server.stop() }
            let second = try Insource.run(["mail", out.path, "--db", db, "--send"] + MailFixtures.flags(port: server.port))
            #expect(second.status == 0, "\(second)")
            let after = try server.received()
            #expect(after.count == 4, "\(second)")
            let ids = (before + after).compactMap { MailFixtures.messageID($0.bytes) }
            #expect(ids.count == 7 && Set(ids).count == 7, "every message arrived exactly once")
            let third = try Insource.run(["mail", out.path, "--db", db, "--send"] + MailFixtures.flags(port: server.port))
            #expect(third.stdout.contains("7 already sent"), "\(third)")
            #expect(try server.received().count == 4)
        }
    }

    @Test func authenticationUsesThePasswordFromTheEnvironmentAndAWrongOneStopsTheRun() throws {
        try withTemporaryDirectory { directory in
            let server = try LoopbackSMTPServer(
                inbox: directory.appendingPathComponent("inbox"), arguments: ["--user", "dana", "--password", "correct horse"])
            defer { server.stop() }
            let db = directory.appendingPathComponent("h.sqlite").path
            let out = directory.appendingPathComponent("out")
            let scored = try Insource.run(["score", packagePath("Rubrics/examples/rosas-bakery.yaml"), "--format", "html", "-o", out.path, "--db", db])
            #expect(scored.status == 0, "\(scored)")
            for (method, password, expected) in [("login", "wrong", Int32(1)), ("plain", "correct horse", 0), ("login", "correct horse", 0)] {
                let result = try Insource.run(
                    ["mail", "--db", db, "-o", out.appendingPathComponent("mail").path, "--send", "--smtp-auth", method, "--smtp-user", "dana",
                     "--smtp-password-env", "TEST_SMTP_PASSWORD"] + MailFixtures.flags(port: server.port),
                    environment: ["TEST_SMTP_PASSWORD": password])
                #expect(result.status == expected, "\(method) \(password)\n\(result)")
            }
            #expect(try server.received().count == 1, "sent once, then already sent")
        }
    }

    @Test func dryRunShowsRecipientsAndServerAndWritesNothing() throws {
        try withTemporaryDirectory { directory in
            let db = directory.appendingPathComponent("h.sqlite").path
            _ = try Insource.run(["score", packagePath("Rubrics/examples/rosas-bakery.yaml"), "--db", db])
            let mailDirectory = directory.appendingPathComponent("mail")
            let result = try Insource.run(["mail", "--db", db, "-o", mailDirectory.path, "--dry-run"] + MailFixtures.flags(port: 2525))
            #expect(result.status == 0, "\(result)")
            #expect(result.stdout.contains("smtp://127.0.0.1:2525") && result.stdout.contains("to rosa@example.com"), "\(result)")
            #expect(!FileManager.default.fileExists(atPath: mailDirectory.path))
        }
    }

    @Test func aSettingsFileInTheWorkingDirectoryIsUsedAndItsErrorsPointIntoIt() throws {
        try withTemporaryDirectory { directory in
            let db = directory.appendingPathComponent("h.sqlite").path
            _ = try Insource.run(["score", packagePath("Rubrics/examples/rosas-bakery.yaml"), "--db", db])
            try write("from: dana@reyes-advisory.example\nsubject: \"{client} — {verdict}\"\n", to: directory.appendingPathComponent("insource.yaml"))
            let good = try Insource.run(["mail", "--db", db, "-o", "mail"], directory: directory)
            #expect(good.status == 0, "\(good)")
            let parsed = try #require(try MailFixtures.parsed([directory.appendingPathComponent("mail/rosas-bakery.eml")]).first)
            #expect((parsed["subject"] as? String)?.hasPrefix("Rosa's Bakery — ") == true, "\(parsed)")
            try write("from: dana@reyes-advisory.example\nsmtp_prot: 25\n", to: directory.appendingPathComponent("insource.yaml"))
            let bad = try Insource.run(["mail", "--db", db, "-o", "mail"], directory: directory)
            #expect(bad.status == 1)
            #expect(bad.stderr.contains("insource.yaml:2:1") && bad.stderr.contains("did you mean 'smtp_port'"), "\(bad)")
        }
    }
}

/// Delivery details against the loopback server: retries, TLS, pacing.
@Suite struct MailDeliveryTests {
    private func scoredHistory(in directory: URL) throws -> String {
        let db = directory.appendingPathComponent("h.sqlite").path
        let scored = try Insource.run(["score", packagePath("Rubrics/examples/rosas-bakery.yaml"), "--db", db])
        #expect(scored.status == 0, "\(scored)")
        return db
    }

    @Test func aTemporaryRefusalIsRetriedAndTheSecondAttemptArrives() throws {
        try withTemporaryDirectory { directory in
            let db = try scoredHistory(in: directory)
            let server = try LoopbackSMTPServer(inbox: directory.appendingPathComponent("inbox"), arguments: ["--defer-once", "rosa@example.com"])
            defer { server.stop() }
            let result = try Insource.run(["mail", "--db", db, "-o", directory.appendingPathComponent("mail").path, "--send"]
                + MailFixtures.flags(port: server.port))
            #expect(result.status == 0, "\(result)")
            #expect(result.stdout.contains("1 sent"), "\(result)")
            #expect(try server.received().count == 1)
            let attempts = try sqlite(db, "SELECT status || ' ' || attempts FROM deliveries")
            #expect(attempts == "accepted 2", "the log counts both attempts")
        }
    }

    @Test(arguments: [false, true])
    func tlsWorksWithStartTLSAndFromTheFirstByte(_ implicit: Bool) throws {
        try withTemporaryDirectory { directory in
            let db = try scoredHistory(in: directory)
            let cert = directory.appendingPathComponent("cert.pem").path
            let key = directory.appendingPathComponent("key.pem").path
            let made = try runTool("/usr/bin/env", ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"])
            try #require(made == 0, "openssl could not make a test certificate")
            let server = try LoopbackSMTPServer(inbox: directory.appendingPathComponent("inbox"),
                arguments: ["--tls-cert", cert, "--tls-key", key] + (implicit ? ["--implicit-tls"] : []))
            defer { server.stop() }
            var flags = MailFixtures.flags(port: server.port)
            flags[flags.firstIndex(of: "none")!] = implicit ? "tls" : "starttls"
            let mail = directory.appendingPathComponent("mail").path
            let untrusted = try Insource.run(["mail", "--db", db, "-o", mail, "--send"] + flags)
            #expect(untrusted.status == 1, "a certificate nobody vouches for is refused\n\(untrusted)")
            #expect(try server.received().isEmpty)
            let trusted = try Insource.run(["mail", "--db", db, "-o", mail, "--send", "--smtp-ca-file", cert] + flags)
            #expect(trusted.status == 0, "\(trusted)")
            #expect(try server.received().count == 1)
        }
    }

    @Test func maxPerMinuteSpacesTheMessagesAsTheServerSeesThem() throws {
        try withTemporaryDirectory { directory in
            let inputs = directory.appendingPathComponent("in")
            try MailFixtures.questionnairesWithOwners(count: 3, into: inputs)
            let server = try LoopbackSMTPServer(inbox: directory.appendingPathComponent("inbox"))
            defer { server.stop() }
            let out = directory.appendingPathComponent("out")
            let db = directory.appendingPathComponent("h.sqlite").path
            let scored = try Insource.run(["score", inputs.path, "-o", out.path, "--db", db, "--quiet"])
            #expect(scored.status == 0, "\(scored)")
            let result = try Insource.run(["mail", out.path, "--db", db, "--send", "--max-per-minute", "60"] + MailFixtures.flags(port: server.port))
            #expect(result.status == 0, "\(result)")
            let times = try server.arrivalTimes()
            #expect(times.count == 3)
            for (earlier, later) in zip(times, times.dropFirst()) {
                #expect(later - earlier >= 0.9, "60 a minute is one a second; the server saw \(later - earlier) s between two")
            }
        }
    }

    @Test func aSessionRefusalStopsTheRunWithoutMarkingTheMessageRefused() throws {
        try withTemporaryDirectory { directory in
            let db = try scoredHistory(in: directory)
            let server = try LoopbackSMTPServer(inbox: directory.appendingPathComponent("inbox"), arguments: ["--user", "dana", "--password", "pw"])
            defer { server.stop() }
            let mail = directory.appendingPathComponent("mail").path
            // No login: the server answers MAIL FROM with 530, which is about the session, not the owner's address.
            let refused = try Insource.run(["mail", "--db", db, "-o", mail, "--send"] + MailFixtures.flags(port: server.port))
            #expect(refused.status == 1, "\(refused)")
            #expect(refused.stderr.contains("530"), "\(refused)")
            #expect(try sqlite(db, "SELECT status FROM deliveries") == "deferred")
            let sent = try Insource.run(["mail", "--db", db, "-o", mail, "--send", "--smtp-user", "dana", "--smtp-password-env", "PW"]
                + MailFixtures.flags(port: server.port), environment: ["PW": "pw"])
            #expect(sent.status == 0, "\(sent)")
            #expect(try server.received().count == 1)
        }
    }

    @Test func noAnswerAfterTheDataIsUnconfirmedAndNotSentAgainUnlessAsked() throws {
        try withTemporaryDirectory { directory in
            let db = try scoredHistory(in: directory)
            let server = try LoopbackSMTPServer(inbox: directory.appendingPathComponent("inbox"), arguments: ["--slow-reply", "3"])
            defer { server.stop() }
            let mail = directory.appendingPathComponent("mail").path
            let flags = MailFixtures.flags(port: server.port) + ["--smtp-timeout", "1"]
            let first = try Insource.run(["mail", "--db", db, "-o", mail, "--send"] + flags)
            #expect(first.status == 1, "\(first)")
            #expect(first.stdout.contains("unconfirmed"), "\(first)")
            #expect(try sqlite(db, "SELECT status FROM deliveries") == "sending")
            let again = try Insource.run(["mail", "--db", db, "-o", mail, "--send"] + flags)
            #expect(again.stdout.contains("1 unconfirmed"), "\(again)")
            #expect(try server.received().count == 1, "the server has it once; it was not sent again")
            let forced = try Insource.run(["mail", "--db", db, "-o", mail, "--send", "--resend-unconfirmed", "--smtp-timeout", "10"]
                + MailFixtures.flags(port: server.port))
            #expect(forced.status == 0, "\(forced)")
            #expect(try server.received().count == 2)
            #expect(try sqlite(db, "SELECT status || ' ' || attempts FROM deliveries") == "accepted 2")
        }
    }
}

/// Runs a tool and returns its exit status (output discarded).
func runTool(_ path: String, _ arguments: [String]) throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus
}

/// One value from the sqlite3 command-line tool, for checks from outside our own code.
func sqlite(_ path: String, _ query: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["sqlite3", path, query]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}
