import Assessment
import Foundation
import Mail
import Testing

let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // MailTests
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()

/// Rosa's Bakery scored under the shipped rubric, with the client's fields replaced as a test needs.
func rosasAssessment(name: String? = nil, owner: String? = nil, email: String? = "rosa@example.com") throws -> Assessment {
    let rubric = try RubricLoader.load(path: packageRoot.appendingPathComponent("Rubrics/social-media.yaml").path)
    let document = try QuestionnaireLoader.read(path: packageRoot.appendingPathComponent("Rubrics/examples/rosas-bakery.yaml").path)
    var assessment = Scorer.score(try QuestionnaireLoader.check(document, against: rubric), with: rubric)
    if let name { assessment.client.name = name }
    if let owner { assessment.client.owner = owner }
    assessment.client.email = email
    return assessment
}

func sender(subject: String = MailSettings.defaultSubject) throws -> MailSender {
    var settings = MailSettings()
    settings.from = "dana@reyes-advisory.example"
    settings.fromName = "Dana Reyes"
    settings.replyTo = "office@reyes-advisory.example"
    settings.subject = subject
    return try settings.sender()
}

func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("insource-mail-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try body(directory)
}

/// Python's own `email` parser's view of each file (Tests/Support/check_message.py).
func parsedByPython(_ files: [URL]) throws -> [[String: Any]] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", packageRoot.appendingPathComponent("Tests/Support/check_message.py").path] + files.map(\.path)
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0, "check_message.py failed")
    return try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
}

func sha256Hex(_ bytes: [UInt8]) -> String { SHA256Digest.hex(of: bytes) }
