import Assessment
import Foundation
import Reporting
import Testing

@Suite("Markdown reports say what the HTML says, as GitHub-flavoured Markdown")
struct MarkdownStructureTests {
    static let scoreTableHeader = ["Criterion", "Score", "Bar", "Band", "Weight"]

    @Test("the criteria score table is a table: a header and one row per criterion", arguments: exampleNames)
    func scoreTableIsATable(_ name: String) throws {
        let assessment = try assessExample(name)
        let tree = try parseMarkdown(try shippedRenderer().render(assessment, as: .markdown))
        let table = try #require(tree.tables.first { $0.first == Self.scoreTableHeader }, "no score table in \(tree.tables.map(\.first))")
        #expect(table.count == assessment.criteria.count + 1)
        for (row, criterion) in zip(table.dropFirst(), assessment.criteria) {
            #expect(row.count == Self.scoreTableHeader.count)
            #expect(row.first == criterion.title)
            #expect(row.dropFirst().first == expectedScore(criterion.score))
            #expect(row.dropFirst(3).first == (criterion.band ?? "not answered"))
        }
    }

    @Test("the Markdown headings are the HTML's h1–h3, same text and level", arguments: exampleNames)
    func headingsMatchHTML(_ name: String) throws {
        let assessment = try assessExample(name)
        let reports = try shippedRenderer().renderAll(assessment, formats: [.html, .markdown])
        let html = try parseHTML(try #require(reports[.html]))
        let markdown = try parseMarkdown(try #require(reports[.markdown]))
        let htmlHeadings = html.headings.filter { $0.level <= 3 }
        #expect(!htmlHeadings.isEmpty)
        #expect(markdown.headings == htmlHeadings)
        #expect(markdown.headings.first == Heading(level: 1, text: assessment.client.name))
    }

    @Test("the appendix lists every question with the answer given, under its criterion, in both formats", arguments: exampleNames)
    func appendixHoldsEveryAnswer(_ name: String) throws {
        let assessment = try assessExample(name)
        let reports = try shippedRenderer().renderAll(assessment, formats: [.html, .markdown])
        let html = try parseHTML(try #require(reports[.html]))
        let markdown = try parseMarkdown(try #require(reports[.markdown]))
        #expect(!assessment.answers.isEmpty)
        for answer in assessment.answers {
            #expect(html.appendixAnswer(to: answer.prompt) == answer.display, "HTML appendix: \(answer.question)")
            #expect(markdown.appendixAnswer(to: answer.prompt) == answer.display, "Markdown appendix: \(answer.question)")
        }
        // One level-3 heading per criterion that has questions, in the rubric's order, after the appendix heading.
        let titles = html.headings.map(\.text)
        let appendix = try #require(titles.firstIndex(of: "Appendix: questions and answers"))
        let grouped = assessment.criteria.filter { criterion in assessment.answers.contains { $0.criterion == criterion.id } }
        #expect(Array(titles[(appendix + 1)...].prefix(grouped.count)) == grouped.map(\.title))
    }

    @Test("both formats hold the verdict sentence, the summary and every criterion's score", arguments: exampleNames)
    func verdictAndScoresInBoth(_ name: String) throws {
        let assessment = try assessExample(name)
        let reports = try shippedRenderer().renderAll(assessment, formats: [.html, .markdown])
        let html = try parseHTML(try #require(reports[.html]))
        let markdown = try parseMarkdown(try #require(reports[.markdown]))
        let htmlParagraphs = html.all("p").map { collapsingWhitespace($0.text) }
        let markdownParagraphs = markdown.all.filter { $0.type == "paragraph" }.map(\.text)

        let verdict = expectedVerdictLine(assessment)
        #expect(htmlParagraphs.contains(verdict), "HTML lacks '\(verdict)'")
        #expect(markdownParagraphs.contains(verdict), "Markdown lacks '\(verdict)'")
        #expect(htmlParagraphs.contains(collapsingWhitespace(assessment.summary)))
        #expect(markdownParagraphs.contains(collapsingWhitespace(assessment.summary)))

        let htmlScores = try #require(html.tables.first { $0.first == Self.scoreTableHeader })
        for criterion in assessment.criteria {
            #expect(htmlScores.contains { $0.first == criterion.title && $0.dropFirst().first == expectedScore(criterion.score) },
                    "HTML score table lacks \(criterion.title)")
            let meta = "Score \(expectedScore(criterion.score)) · \(criterion.band ?? "not answered") · weight \(NumberText.format(criterion.weight))"
            #expect(htmlParagraphs.contains(meta), "HTML lacks '\(meta)'")
            #expect(markdownParagraphs.contains(meta), "Markdown lacks '\(meta)'")
        }
    }

    @Test("every HTML table appears in the Markdown with the same cells", arguments: exampleNames)
    func tablesMatchHTML(_ name: String) throws {
        let reports = try shippedRenderer().renderAll(try assessExample(name), formats: [.html, .markdown])
        let html = try parseHTML(try #require(reports[.html]))
        let markdown = try parseMarkdown(try #require(reports[.markdown]))
        let htmlTables = html.tables.map { $0.map { $0.map(collapsingWhitespace) } }
        #expect(markdown.tables == htmlTables)
    }

    @Test("the Markdown has no raw HTML and no links but the firm's contact address", arguments: exampleNames)
    func noRawHTMLOrLinks(_ name: String) throws {
        let renderer = try shippedRenderer()
        let contact = renderer.template.branding.contact ?? ""
        let tree = try parseMarkdown(renderer.render(try assessExample(name), as: .markdown))
        let unwanted = tree.all.filter {
            ["html_inline", "html_block", "image"].contains($0.type) || ($0.type == "link" && !contact.contains($0.text))
        }
        #expect(unwanted.isEmpty, "\(unwanted.map { "\($0.type): \($0.text)" })")
    }
}

/// Text that is only dangerous in Markdown: GitHub would turn it into structure or links.
@Suite("Markdown escaping beyond the obvious characters")
struct MarkdownEscapingEdgeTests {
    @Test("a client name ending in '#' keeps its '#' in the heading")
    func trailingHashKeptInHeading() throws {
        for name in ["Shop #", "Number ##", "C# #"] {
            let assessment = try assess(bytes: questionnaire(placing: name), path: "hash.json")
            let tree = try parseMarkdown(try shippedRenderer().render(assessment, as: .markdown))
            #expect(tree.headings.filter { $0.level == 1 }.map(\.text) == [name])
        }
    }

    @Test("URLs GitHub autolinks whatever their case or scheme stay plain text", arguments: [
        "see https://example.com", "see HTTPS://example.com", "see Http://example.com", "see ftp://example.com",
        "see www.example.com", "see WWW.example.com",
    ])
    func autolinkShapesStayText(_ value: String) throws {
        let renderer = try shippedRenderer()
        let contact = renderer.template.branding.contact ?? ""
        let assessment = try assess(bytes: questionnaire(placing: value), path: "links.json")
        let tree = try parseMarkdown(renderer.render(assessment, as: .markdown))
        let links = tree.all.filter { $0.type == "link" && !contact.contains($0.text) }
        #expect(links.isEmpty, "links: \(links.map(\.text))")
        #expect(tree.headings.filter { $0.level == 1 }.map(\.text) == [value])
    }

    @Test("an e-mail address, the client's or the firm's contact, stays plain text as it is in the HTML")
    func emailAddressesStayText() throws {
        let value = "write to someone@example.com"
        let assessment = try assess(bytes: questionnaire(placing: value), path: "email.json")
        let tree = try parseMarkdown(try shippedRenderer().render(assessment, as: .markdown))
        let links = tree.all.filter { $0.type == "link" }
        #expect(links.isEmpty, "links: \(links.map(\.text))")
        #expect(tree.headings.filter { $0.level == 1 }.map(\.text) == [value])
    }
}
