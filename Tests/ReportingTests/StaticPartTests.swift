import Assessment
import Foundation
@testable import Reporting
import Testing

/// The template keeps the serialization of the parts every report shares (`StaticPart`) and inserts
/// those bytes instead of building the nodes again. That must change no byte of any report.
@Suite("Kept static parts change no byte of a report")
struct StaticPartTests {
    static func renderers() throws -> (keeping: ReportRenderer, building: ReportRenderer) {
        do throws(DiagnosticsError) {
            return (
                ReportRenderer(template: try ReportTemplate(directory: shippedTemplateDirectory, keepingStaticParts: true)),
                ReportRenderer(template: try ReportTemplate(directory: shippedTemplateDirectory, keepingStaticParts: false)))
        } catch {
            throw RenderedDiagnostics(error.diagnostics)
        }
    }

    @Test("every shipped example renders the same in HTML and Markdown, with and without kept parts, with and without a comparison",
          arguments: exampleNames)
    func examplesAreByteIdentical(_ name: String) throws {
        let (keeping, building) = try Self.renderers()
        let assessment = try assessExample(name)
        for comparison in [nil, ComparisonTests.comparison(for: assessment)] {
            // Twice with the keeping renderer: the first report makes the fragments, the second reuses them.
            for _ in 0..<2 {
                let kept = keeping.renderBytes(assessment, formats: [.html, .markdown], comparison: comparison)
                let built = building.renderBytes(assessment, formats: [.html, .markdown], comparison: comparison)
                for format in [ReportRenderer.Format.html, .markdown] {
                    let difference = Self.firstDifference(kept[format] ?? [], built[format] ?? [])
                    #expect(difference == nil, "\(format) differs: \(difference ?? "")")
                }
            }
        }
    }

    /// Where two outputs first differ, with some bytes of each from there; nil when they are the same.
    static func firstDifference(_ kept: [UInt8], _ built: [UInt8]) -> String? {
        guard kept != built else { return nil }
        let index = zip(kept, built).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(kept.count, built.count)
        let start = max(0, index - 60)
        func excerpt(_ bytes: [UInt8]) -> String { String(decoding: bytes[start..<min(bytes.count, index + 60)], as: UTF8.self) }
        return "at byte \(index): kept «\(excerpt(kept))» built «\(excerpt(built))»"
    }

    @Test("500 random questionnaires render the same with and without kept parts, fragments shared across reports")
    func randomQuestionnairesAreByteIdentical() throws {
        let (keeping, building) = try Self.renderers()
        var generator = RandomQuestionnaires(rubric: try loadShippedRubric(), seed: 7)
        var differing: [Int] = []
        for number in 1...500 {
            let assessment = try assess(bytes: Array(generator.next(number: number).utf8), path: "random-\(number).yaml")
            let kept = keeping.renderBytes(assessment, formats: [.html, .markdown])
            let built = building.renderBytes(assessment, formats: [.html, .markdown])
            if kept[.html] != built[.html] || kept[.markdown] != built[.markdown] { differing.append(number) }
        }
        #expect(differing.isEmpty, "questionnaires whose reports differ: \(differing.prefix(10))")
    }

    @Test("each part is made once and reused by later reports, the frame's fixed elements are kept too; a template told not to keep parts keeps none")
    func partsAreMadeOnceAndReused() throws {
        let (keeping, building) = try Self.renderers()
        let assessment = try assessExample("rosas-bakery.yaml")
        _ = keeping.renderBytes(assessment, formats: [.html])
        let afterFirst = keeping.template.staticParts.count
        // Headings, the criteria's texts, the method, the caption and the chart's backdrop at least.
        #expect(afterFirst >= 20)
        _ = keeping.renderBytes(assessment, formats: [.html, .markdown])
        #expect(keeping.template.staticParts.count == afterFirst)
        _ = building.renderBytes(assessment, formats: [.html])
        #expect(building.template.staticParts.count == 0)
        // The shipped frame's two meta elements, its print rules, the masthead and the footer.
        #expect(keeping.template.frameParts.count == 5)
        #expect(building.template.frameParts.count == 0)
    }
}
