import Assessment
import Foundation
@testable import Reporting
import Testing

/// The template keeps the serialization of the parts every report shares (`StaticPart`) and inserts
/// those bytes instead of building the nodes again. That must change no byte of any report.
@Suite("Kept static parts change no byte of a report")
struct StaticPartTests {
    static func renderers(template directory: String = shippedTemplateDirectory) throws -> (keeping: ReportRenderer, building: ReportRenderer) {
        do throws(DiagnosticsError) {
            return (
                ReportRenderer(template: try ReportTemplate(directory: directory, keepingStaticParts: true)),
                ReportRenderer(template: try ReportTemplate(directory: directory, keepingStaticParts: false)))
        } catch {
            throw RenderedDiagnostics(error.diagnostics)
        }
    }

    /// Renders `assessment` both ways in HTML and Markdown together, and in Markdown alone; the
    /// differences found, described.
    static func differences(
        _ assessment: Assessment, _ keeping: ReportRenderer, _ building: ReportRenderer, comparison: AssessmentComparison? = nil
    ) -> [String] {
        var found: [String] = []
        for formats in [[ReportRenderer.Format.html, .markdown], [.markdown]] {
            let kept = keeping.renderBytes(assessment, formats: formats, comparison: comparison)
            let built = building.renderBytes(assessment, formats: formats, comparison: comparison)
            for format in formats {
                if let difference = firstDifference(kept[format] ?? [], built[format] ?? []) { found.append("\(formats) \(format) \(difference)") }
            }
        }
        return found
    }

    @Test("every shipped example renders the same in HTML and Markdown, with and without kept parts, with and without a comparison",
          arguments: exampleNames)
    func examplesAreByteIdentical(_ name: String) throws {
        let (keeping, building) = try Self.renderers()
        let assessment = try assessExample(name)
        for comparison in [nil, ComparisonTests.comparison(for: assessment)] {
            // Twice with the keeping renderer: the first report makes the fragments, the second reuses them.
            for _ in 0..<2 {
                let differences = Self.differences(assessment, keeping, building, comparison: comparison)
                #expect(differences.isEmpty, "\(differences)")
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
            let comparison = number % 7 == 0 ? ComparisonTests.comparison(for: assessment) : nil
            if !Self.differences(assessment, keeping, building, comparison: comparison).isEmpty { differing.append(number) }
        }
        #expect(differing.isEmpty, "questionnaires whose reports differ: \(differing.prefix(10))")
    }

    @Test("a template with slots in a table cell, a list item and a paragraph, beside fixed rows and items, renders the same both ways")
    func slotsOutsideBlocksAreByteIdentical() throws {
        let edit: (URL) throws -> Void = { template in
            let page = template.appendingPathComponent("report.html")
            try replace(
                "<section data-slot=\"summary\"><h2>Summary</h2></section>",
                with: "<table><tr><th>Fixed</th><td><div data-slot=\"summary\"></div></td></tr></table>", in: page)
            try replace(
                "<section data-slot=\"rules\"><h2>Rules and flags</h2></section>",
                with: "<ul><li>Fixed item</li><li><section data-slot=\"rules\"></section></li></ul>", in: page)
            try replace(
                "<section data-slot=\"method\"><h2>Method</h2></section>",
                with: "<p><strong>Fixed</strong> <span data-slot=\"method\"></span></p>", in: page)
        }
        try withBrokenTemplate(edit) { directory in
            let (keeping, building) = try Self.renderers(template: directory)
            for name in exampleNames {
                let assessment = try assessExample(name)
                let differences = Self.differences(assessment, keeping, building, comparison: ComparisonTests.comparison(for: assessment))
                #expect(differences.isEmpty, "\(name): \(differences)")
            }
            #expect(!keeping.template.slotsKeepingParts.contains("summary"))
            #expect(!keeping.template.slotsKeepingParts.contains("rules"))
            #expect(!keeping.template.slotsKeepingParts.contains("method"))
            #expect(keeping.template.slotsKeepingParts.contains("criteria"))
        }
    }

    @Test("a fragment of several block elements alone in a block parent gets the line breaks libxml2 writes inside the parent's tags")
    func aLoneFragmentOfSeveralBlocksBreaksLinesLikeItsNodes() throws {
        let names = HTMLNames(["p", "div", "h2"])
        let build: (HTMLDocument, HTMLDocument.Node) -> Void = { document, parent in
            document.element("h2", in: parent, text: "Heading")
            document.element("p", in: parent, text: "First")
            document.element("p", in: parent, text: "Second")
        }
        let fragment = try #require(SerializedFragment(role: .blocks, names: names, build: build))
        #expect(fragment.elementCount == 3)
        for parentTag in ["div", "section", "li", "td"] {
            let kept = try #require(HTMLDocument.scratch(names: names))
            let built = try #require(HTMLDocument.scratch(names: names))
            for (document, keep) in [(kept, true), (built, false)] {
                let body = try #require(document.root.flatMap(document.firstChild))
                let parent = document.element(parentTag, in: body)
                if keep { document.insert(fragment, in: parent) } else { build(document, parent) }
            }
            #expect(String(decoding: kept.serialized(), as: UTF8.self) == String(decoding: built.serialized(), as: UTF8.self), "in \(parentTag)")
        }
    }

    @Test("once the table of kept parts is full, further parts are built as nodes and reports stay byte-identical")
    func aFullTableBuildsTheRestAsNodes() throws {
        let building = try Self.renderers().building
        let full: ReportRenderer
        do throws(DiagnosticsError) {
            full = ReportRenderer(template: try ReportTemplate(directory: shippedTemplateDirectory, keepingStaticParts: true, keptPartLimit: 25))
        } catch {
            throw RenderedDiagnostics(error.diagnostics)
        }
        var generator = RandomQuestionnaires(rubric: try loadShippedRubric(), seed: 9)
        for number in 1...20 {
            let assessment = try assess(bytes: Array(generator.next(number: number).utf8), path: "random-\(number).yaml")
            #expect(Self.differences(assessment, full, building).isEmpty, "questionnaire \(number)")
        }
        #expect(full.template.staticParts.count == 25)
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

/// Answers the rubric words (a choice, yes or no, a scale point) are kept parts of the appendix; what a
/// client wrote or counted is not, so the table of kept parts never fills with one client's words.
@Suite("Kept answers in the appendix")
struct KeptAnswerTests {
    @Test("an answer from the rubric's words adds one kept part the first time; a number or text answer adds none")
    func onlyAnswersInTheRubricsWordsAreKept() throws {
        let renderer = try StaticPartTests.renderers().keeping
        let parts = renderer.template.staticParts
        var assessment = try assessExample("rosas-bakery.yaml")
        _ = renderer.renderBytes(assessment, formats: [.html, .markdown])
        let before = parts.count

        let written = try #require(assessment.answers.firstIndex { !$0.displayIsFromRubric && $0.answer != nil })
        assessment.answers[written].display = "Words only this client wrote"
        var reports = renderer.renderBytes(assessment, formats: [.html, .markdown])
        #expect(parts.count == before)
        #expect(String(decoding: reports[.markdown] ?? [], as: UTF8.self).contains("**Words only this client wrote**"))

        let chosen = try #require(assessment.answers.firstIndex { $0.displayIsFromRubric })
        assessment.answers[chosen].display = "A label seen for the first time"
        reports = renderer.renderBytes(assessment, formats: [.html, .markdown])
        #expect(parts.count == before + 1)
        #expect(String(decoding: reports[.html] ?? [], as: UTF8.self).contains("<strong>A label seen for the first time</strong>"))
        _ = renderer.renderBytes(assessment, formats: [.html])
        #expect(parts.count == before + 1)
    }
}

/// Parts whose sampled bytes agree (long texts differing only where the sample does not look) share a
/// probe sequence in the table of kept parts, and each must still get its own fragment.
@Suite("Kept parts with the same sample")
struct StaticPartSampleTests {
    @Test("texts that differ only between their sampled bytes keep fragments of their own")
    func partsSharingASampleKeepTheirOwnFragments() throws {
        let template = try loadTemplate(shippedTemplateDirectory)
        let head = String(repeating: "h", count: 30), tail = String(repeating: "t", count: 30)
        let texts = (0..<40).map { "\(head)\(String(repeating: "m", count: $0))\(String(repeating: "c", count: 40 - $0))\(tail)" }
        let parts = texts.map { StaticPart.paragraph(text: "middle \($0)") }
        #expect(Set(parts.map(\.sampled)).count < parts.count, "some parts must share a sample for this test to mean anything")
        for _ in 0..<2 {
            for (part, text) in zip(parts, texts) {
                let facts = try #require(template.staticParts.fragment(for: part))
                #expect(String(decoding: facts.pointee.markdown, as: UTF8.self).contains(text))
            }
        }
    }
}
