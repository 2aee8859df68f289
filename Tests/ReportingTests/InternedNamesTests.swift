@testable import Reporting
import Testing

/// Names and values interned once per template are shared by every report's document; these tests
/// hold the ways around the shared table (strings interned in one document) to the same output.
@Suite("Interned names and values")
struct InternedNamesTests {
    static func document(names: HTMLNames) throws -> (HTMLDocument, HTMLDocument.Node) {
        let frame = try HTMLDocument.parse("<html><body><div></div></body></html>", url: "test.html").get()
        let document = try #require(HTMLDocument.copy(of: frame, names: names))
        return (document, try #require(document.firstElement(named: "div")))
    }

    @Test("a tag or class outside the style table's lists is styled from the sheet all the same")
    func unlistedElementsAreStyled() throws {
        let styles = StyleTable(try InlineStyles(css: "section { margin: 0 } .note { color: red } td.note { padding: 1px } td.score { x: 1 }"), alsoInterning: [])
        let (document, container) = try Self.document(names: styles.names)
        for (tag, className) in [("section", "note"), ("td", "note"), ("td", nil), ("td", "unlisted"), ("td", "score")] as [(String, String?)] {
            let element = styles.element(tag: tag, className: className, in: document)
            let node = document.element(element.tag, in: container)
            if let name = element.className { document.addAttribute(styles.common.classAttribute, name, on: node) }
            if let style = element.style { document.addAttribute(styles.common.style, style, on: node) }
        }
        let written = String(decoding: document.serializedChildren(of: container), as: UTF8.self)
        #expect(written == """
            <section class="note" style="margin:0;color:red"></section><td class="note" style="color:red;padding:1px"></td>
            <td></td>
            <td class="unlisted"></td>
            <td class="score" style="x:1"></td>
            """)
    }

    @Test("interned strings are cleaned of the characters HTML forbids")
    func internedStringsAreClean() throws {
        let names = HTMLNames(["title", "a\u{1}b\u{9B}c"])
        let (document, container) = try Self.document(names: names)
        document.addAttribute(names.required("title"), names.required("a\u{1}b\u{9B}c"), on: container)
        #expect(document.attribute("title", of: container) == "abc")
    }

    @Test("an interned string cannot be used in a document that does not read its table")
    func foreignDocumentsAreRefused() async {
        await #expect(processExitsWith: .failure) {
            let names = HTMLNames(["p"])
            guard case .success(let document) = HTMLDocument.parse("<html><body></body></html>", url: "test.html"),
                let root = document.root
            else { return }
            document.element(names.required("p"), in: root)
        }
    }
}
