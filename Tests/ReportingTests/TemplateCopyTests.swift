import Assessment
import Foundation
@testable import Reporting
import Testing

/// A renderer for one thread of a batch loads the template again, so its kept parts and styles are its own.
@Suite("Independent copies of a template")
struct TemplateCopyTests {
    @Test("a template loaded again from its files renders the same bytes, with kept parts of its own")
    func aCopyRendersTheSameWithItsOwnParts() throws {
        let original = ReportRenderer(template: try loadTemplate(shippedTemplateDirectory))
        let copy = original.independentCopy()
        #expect(copy.template !== original.template)
        #expect(copy.template.staticParts !== original.template.staticParts)
        #expect(copy.template.fingerprint == original.template.fingerprint)
        for name in exampleNames {
            let assessment = try assessExample(name)
            let formats: [ReportRenderer.Format] = [.html, .markdown]
            #expect(copy.renderBytes(assessment, formats: formats) == original.renderBytes(assessment, formats: formats), "\(name)")
        }
    }

    @Test("a template whose files changed since it was loaded is not loaded again: the copy is the template itself")
    func aChangedTemplateIsNotCopied() throws {
        try withBrokenTemplate({ _ in }) { directory in
            let template = try loadTemplate(directory)
            try replace("Appendix", with: "Annex", in: URL(fileURLWithPath: directory).appendingPathComponent("report.html"))
            #expect(template.independentCopy() === template)
        }
    }

    @Test("a branding change that leaves the frame as it was (no element shows the firm, not even as the logo's text) still keeps the template from being copied")
    func aChangedBrandingIsNotCopied() throws {
        let edit: (URL) throws -> Void = { template in
            let page = template.appendingPathComponent("report.html")
            try replace(#"<p class="firm" data-brand="firm">Your firm</p>"#, with: "", in: page)
            try replace(#"<img class="logo" data-brand="logo" alt="" src="logo.svg" width="40" height="40">"#, with: "", in: page)
        }
        try withBrokenTemplate(edit) { directory in
            let template = try loadTemplate(directory)
            #expect(template.independentCopy() !== template)
            try replace("firm: Insource Advisory", with: "firm: Another Firm", in: URL(fileURLWithPath: directory).appendingPathComponent("branding.yaml"))
            let copy = template.independentCopy()
            #expect(copy === template)
        }
    }
}

