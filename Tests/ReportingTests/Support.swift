import Assessment
import Foundation
import Reporting
import Testing

// MARK: - Places

/// The package's root folder, found from this file so tests run from any working directory.
let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // ReportingTests
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()

let shippedRubricPath = packageRoot.appendingPathComponent("Rubrics/social-media.yaml").path
let shippedTemplateDirectory = packageRoot.appendingPathComponent("Reports/template").path
let examplesDirectory = packageRoot.appendingPathComponent("Rubrics/examples").path

/// Every questionnaire in `Rubrics/examples/`, by file name, sorted.
let exampleNames: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: examplesDirectory)) ?? [])
    .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".json") }
    .sorted()

/// A fresh directory under the system's temporary folder, removed when `body` returns.
func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("insource-report-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try body(directory)
}

// MARK: - Diagnostics as test failures

/// Diagnostics turned into an error whose description a test failure can show.
struct RenderedDiagnostics: Error, CustomStringConvertible {
    let diagnostics: [Diagnostic]
    init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    var description: String {
        diagnostics.map { "\($0.path):\($0.location.map { "\($0.line):\($0.column)" } ?? "-"): \($0.message)" }
            .joined(separator: "\n")
    }
}

/// The diagnostics of a call that must fail; records an issue when it succeeds instead.
func diagnostics<T>(
    sourceLocation: Testing.SourceLocation = #_sourceLocation, _ body: () throws(DiagnosticsError) -> T
) -> [Diagnostic] {
    do throws(DiagnosticsError) {
        _ = try body()
        Issue.record("expected diagnostics, but the call succeeded", sourceLocation: sourceLocation)
        return []
    } catch {
        return error.diagnostics
    }
}

// MARK: - Assessments and the renderer

private let shippedRubric: Result<Rubric, DiagnosticsError> = Result { () throws(DiagnosticsError) in
    try RubricLoader.load(path: shippedRubricPath)
}

func loadShippedRubric() throws -> Rubric {
    do throws(DiagnosticsError) { return try shippedRubric.get() } catch { throw RenderedDiagnostics(error.diagnostics) }
}

/// Reads, checks and scores a questionnaire against the shipped rubric.
func assess(bytes: [UInt8], path: String) throws -> Assessment {
    let rubric = try loadShippedRubric()
    do throws(DiagnosticsError) {
        let document = try QuestionnaireLoader.read(bytes: bytes, path: path)
        let questionnaire = try QuestionnaireLoader.check(document, against: rubric)
        return Scorer.score(questionnaire, with: rubric)
    } catch {
        throw RenderedDiagnostics(error.diagnostics)
    }
}

func assessExample(_ name: String) throws -> Assessment {
    let path = "\(examplesDirectory)/\(name)"
    return try assess(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: path))), path: path)
}

func loadTemplate(_ directory: String) throws -> ReportTemplate {
    do throws(DiagnosticsError) { return try ReportTemplate(directory: directory) } catch {
        throw RenderedDiagnostics(error.diagnostics)
    }
}

private let shippedTemplate: Result<ReportTemplate, DiagnosticsError> = Result { () throws(DiagnosticsError) in
    try ReportTemplate(directory: shippedTemplateDirectory)
}

/// One renderer over the shipped template, shared by the tests (it is documented as shareable).
func shippedRenderer() throws -> ReportRenderer {
    do throws(DiagnosticsError) { return ReportRenderer(template: try shippedTemplate.get()) } catch {
        throw RenderedDiagnostics(error.diagnostics)
    }
}

/// The verdict line both formats must show, written here independently of the renderer.
func expectedVerdictLine(_ assessment: Assessment) -> String {
    let headline: String
    switch assessment.verdict {
    case .keepInHouse: headline = "Verdict: keep it in-house"
    case .hybrid: headline = "Verdict: hybrid (keep the voice, share the work)"
    case .outsource: headline = "Verdict: outsource"
    case .inconclusive: headline = "Verdict: inconclusive"
    }
    return "\(headline), overall \(expectedScore(assessment.overall))"
}

func expectedScore(_ score: Double?) -> String {
    score.map { "\(NumberText.format($0))/100" } ?? "not scored"
}

/// Runs of white space as one space, trimmed: how a reader sees HTML text.
func collapsingWhitespace(_ text: String) -> String {
    text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" || $0 == "\u{0C}" })
        .joined(separator: " ")
}
