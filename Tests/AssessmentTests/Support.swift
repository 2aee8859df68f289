import Assessment
import Foundation
import Testing

// MARK: - Places

/// The package's root folder, found from this file so tests run from any working directory.
let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // AssessmentTests
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()

/// `Rubrics/social-media.yaml`, the rubric Insource ships.
let shippedRubricPath = packageRoot.appendingPathComponent("Rubrics/social-media.yaml").path

/// `Rubrics/examples/<name>`.
func examplePath(_ name: String) -> String {
    packageRoot.appendingPathComponent("Rubrics/examples/\(name)").path
}

/// A file from `Tests/AssessmentTests/Fixtures`, copied into the test bundle.
func fixture(_ name: String) throws -> URL {
    let folder = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil), "the Fixtures resource is missing")
    let url = folder.appendingPathComponent(name)
    #expect(FileManager.default.fileExists(atPath: url.path), "missing fixture \(name)")
    return url
}

func fixtureBytes(_ name: String) throws -> [UInt8] {
    try Array(Data(contentsOf: fixture(name)))
}

/// A fresh directory under the system's temporary folder, removed by `body`'s caller when done.
func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("insource-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try body(directory)
}

// MARK: - Loading with diagnostics

/// The diagnostics of a load that must fail; records an issue when it succeeds instead.
func diagnostics<T>(
    sourceLocation: Testing.SourceLocation = #_sourceLocation, _ body: () throws(DiagnosticsError) -> T
) -> [Diagnostic] {
    do throws(DiagnosticsError) {
        let value = try body()
        Issue.record("expected diagnostics, but the load succeeded with \(value)", sourceLocation: sourceLocation)
        return []
    } catch {
        return error.diagnostics
    }
}

func rubricDiagnostics(_ yaml: String, path: String = "mini.yaml", sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [Diagnostic] {
    diagnostics(sourceLocation: sourceLocation) { () throws(DiagnosticsError) in
        try RubricLoader.load(bytes: Array(yaml.utf8), path: path).id
    }
}

func loadRubric(_ yaml: String, path: String = "mini.yaml") throws -> Rubric {
    do throws(DiagnosticsError) {
        return try RubricLoader.load(bytes: Array(yaml.utf8), path: path)
    } catch {
        throw RenderedDiagnostics(error.diagnostics)
    }
}

func loadRubric(path: String) throws -> Rubric {
    do throws(DiagnosticsError) {
        return try RubricLoader.load(path: path)
    } catch {
        throw RenderedDiagnostics(error.diagnostics)
    }
}

/// Reads and checks a questionnaire, turning diagnostics into a readable test failure.
func checkQuestionnaire(_ text: String, path: String = "answers.yaml", against rubric: Rubric) throws -> Questionnaire {
    try checkQuestionnaire(bytes: Array(text.utf8), path: path, against: rubric)
}

func checkQuestionnaire(bytes: [UInt8], path: String, against rubric: Rubric) throws -> Questionnaire {
    do throws(DiagnosticsError) {
        let document = try QuestionnaireLoader.read(bytes: bytes, path: path)
        return try QuestionnaireLoader.check(document, against: rubric)
    } catch {
        throw RenderedDiagnostics(error.diagnostics)
    }
}

func questionnaireDiagnostics(
    _ text: String, path: String = "answers.yaml", against rubric: Rubric,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) -> [Diagnostic] {
    diagnostics(sourceLocation: sourceLocation) { () throws(DiagnosticsError) in
        let document = try QuestionnaireLoader.read(bytes: Array(text.utf8), path: path)
        return try QuestionnaireLoader.check(document, against: rubric).client.name
    }
}

/// Diagnostics as an ordinary error, printed one per line when a test fails on them.
struct RenderedDiagnostics: Error, CustomStringConvertible {
    let diagnostics: [Diagnostic]
    init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    var description: String { diagnostics.map(describe).joined(separator: "\n") }
}

/// `path:line:column: message`, for failure messages.
func describe(_ diagnostic: Diagnostic) -> String {
    let place = diagnostic.location.map { ":\($0.line):\($0.column)" } ?? ""
    return "\(diagnostic.path)\(place): \(diagnostic.message)"
}

/// The one diagnostic whose message holds `fragment`; records an issue when there is none or several.
func diagnostic(
    _ fragment: String, in diagnostics: [Diagnostic], sourceLocation: Testing.SourceLocation = #_sourceLocation
) throws -> Diagnostic {
    let matches = diagnostics.filter { $0.message.contains(fragment) }
    #expect(matches.count == 1, "expected one diagnostic containing \"\(fragment)\", found \(matches.count) in:\n\(diagnostics.map(describe).joined(separator: "\n"))", sourceLocation: sourceLocation)
    return try #require(matches.first, sourceLocation: sourceLocation)
}

// MARK: - A minimal valid rubric

/// The smallest rubric that exercises criteria, four question types and a rule; every test that wants
/// a broken rubric edits one line of it, so the line numbers below stay true.
///
/// Line numbers: bands 9-11, criterion `voice` 13-17 (weight on 15), `speed` 18-22 (weight on 20),
/// questions 24-51, rule `fast_replies` 53-55; text appended after it starts on line 56.
let minimalRubric = """
    id: mini
    title: Mini rubric
    version: "1.0.0"
    description: A minimal valid rubric for tests.
    source:
      title: Test source
    min_coverage: 0.5
    bands:
      - {verdict: outsource, from: 0, to: 40, summary: Outsource it.}
      - {verdict: hybrid, from: 40, to: 70, summary: Split it.}
      - {verdict: keep-in-house, from: 70, to: 100, summary: Keep it.}
    criteria:
      - id: voice
        title: Voice
        weight: 3
        meaning: How personal the voice is.
        why_in_house: Nobody else sounds like you.
      - id: speed
        title: Speed
        weight: 1
        meaning: How fast replies must be.
        why_in_house: Agencies keep office hours.
    questions:
      - id: known_by_name
        criterion: voice
        prompt: How many followers do you know by name?
        type: scale
        min: 1
        max: 5
        favors_in_house: high
      - id: posts_inside
        criterion: voice
        prompt: Do your own people post?
        type: boolean
        favors_in_house: high
      - id: reply_hours
        criterion: speed
        prompt: How many hours may a reply take?
        type: number
        min: 0
        max: 100
        score_from: 0
        score_to: 24
        favors_in_house: low
      - id: channel
        criterion: speed
        prompt: Where do people reach you?
        type: choice
        choices:
          - {value: chat, label: Live chat, points: 1}
          - {value: email, label: E-mail, points: 0.2}
    rules:
      - id: fast_replies
        when: has(answers.reply_hours) && answers.reply_hours <= 1.0
        adjust: {speed: 10}

    """

/// The minimal rubric with `old` (which must occur exactly once) replaced by `new`.
func minimalRubric(replacing old: String, with new: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String {
    let count = minimalRubric.components(separatedBy: old).count - 1
    #expect(count == 1, "'\(old)' occurs \(count) times in the minimal rubric", sourceLocation: sourceLocation)
    return minimalRubric.replacingOccurrences(of: old, with: new)
}

/// The minimal rubric with one more rule, whose `- id:` line is line 56.
func minimalRubric(withRule rule: String) -> String {
    minimalRubric + rule
}
