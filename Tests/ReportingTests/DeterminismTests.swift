import Assessment
import Foundation
import Reporting
import Testing

@Suite("Rendering is deterministic and both formats come from one tree")
struct DeterminismTests {
    @Test("rendering the same assessment twice gives identical bytes", arguments: exampleNames)
    func renderingTwiceIsIdentical(_ name: String) throws {
        let renderer = try shippedRenderer()
        let assessment = try assessExample(name)
        for format in ReportRenderer.Format.allCases {
            let first = renderer.render(assessment, as: format)
            #expect(!first.isEmpty)
            #expect(Array(first.utf8) == Array(renderer.render(assessment, as: format).utf8), "\(format) differs")
        }
    }

    @Test("two renderers loaded from the same template give identical bytes", arguments: exampleNames)
    func separateTemplateLoadsAgree(_ name: String) throws {
        let assessment = try assessExample(name)
        let first = ReportRenderer(template: try loadTemplate(shippedTemplateDirectory))
        let second = ReportRenderer(template: try loadTemplate(shippedTemplateDirectory))
        for format in ReportRenderer.Format.allCases {
            #expect(first.render(assessment, as: format) == second.render(assessment, as: format), "\(format) differs")
        }
    }

    @Test("renderAll of HTML and Markdown gives what rendering each alone gives", arguments: exampleNames)
    func renderAllMatchesSingleRenders(_ name: String) throws {
        let renderer = try shippedRenderer()
        let assessment = try assessExample(name)
        let both = renderer.renderAll(assessment, formats: [.html, .markdown])
        #expect(Set(both.keys) == [.html, .markdown])
        #expect(both[.html] == renderer.render(assessment, as: .html))
        #expect(both[.markdown] == renderer.render(assessment, as: .markdown))
        let reversed = renderer.renderAll(assessment, formats: [.markdown, .html])
        #expect(reversed == both)
    }

    @Test("one renderer used from many tasks at once gives the same bytes as used alone")
    func concurrentRenderingAgrees() async throws {
        let renderer = try shippedRenderer()
        let assessments = try exampleNames.map(assessExample)
        let expected = assessments.map { renderer.renderAll($0, formats: [.html, .markdown]) }
        let results = await withTaskGroup(of: (Int, [ReportRenderer.Format: String]).self) { group in
            for _ in 0..<4 {
                for (index, assessment) in assessments.enumerated() {
                    group.addTask { (index, renderer.renderAll(assessment, formats: [.html, .markdown])) }
                }
            }
            var collected: [(Int, [ReportRenderer.Format: String])] = []
            for await result in group { collected.append(result) }
            return collected
        }
        #expect(results.count == assessments.count * 4)
        for (index, reports) in results {
            #expect(reports == expected[index], "\(exampleNames[index]) differs when rendered concurrently")
        }
    }

    @Test("the reports of different examples differ (rendering reads the assessment)")
    func differentAssessmentsDiffer() throws {
        let renderer = try shippedRenderer()
        let html = try exampleNames.map { renderer.render(try assessExample($0), as: .html) }
        #expect(Set(html).count == exampleNames.count)
    }
}
