/// Adding elements styled from the template's sheet: what the report builder and the static parts
/// (`StaticPart`) share.
protocol ElementBuilding {
    var document: HTMLDocument { get }
    var styles: StyleTable { get }
}

extension ElementBuilding {
    /// Appends an element styled from the sheet (by tag and class), with optional text.
    @discardableResult
    func add(
        _ tag: String, in parent: HTMLDocument.Node, class className: String? = nil, text: String? = nil,
        attributes: [(String, String)] = []
    ) -> HTMLDocument.Node {
        add(styles.element(tag: tag, className: className, in: document), in: parent, text: text, attributes: attributes)
    }

    /// `add` with the element already looked up, for loops that add many elements of one kind. Its name,
    /// class and style are interned, so none of them is copied.
    @discardableResult
    func add(
        _ element: ElementStyle, in parent: HTMLDocument.Node, text: String?, attributes: [(String, String)] = [],
        scope: InternedString? = nil
    ) -> HTMLDocument.Node {
        let node = document.element(element.tag, in: parent)
        for (name, value) in attributes { document.addAttribute(name, value, on: node) }
        if let scope { document.addAttribute(styles.common.scope, scope, on: node) }
        if let className = element.className { document.addAttribute(styles.common.classAttribute, className, on: node) }
        if let style = element.style { document.addAttribute(styles.common.style, style, on: node) }
        if let text { document.text(text, in: node) }
        return node
    }

    /// A list item holding a question's prompt and, in bold, the answer given.
    func answerLine(prompt: String, answer: String, in list: HTMLDocument.Node) {
        let line = add("li", in: list)
        var text: [UInt8] = []
        text.reserveCapacity(prompt.utf8.count + 1)
        text.append(utf8Of: prompt)
        text.append(0x20)
        document.text(utf8: text, in: line)
        add("strong", in: line, text: answer)
    }

    /// A paragraph holding a bold lead-in followed by plain text.
    func labelled(_ label: String, _ value: String, in parent: HTMLDocument.Node, class className: String? = nil) {
        let paragraph = add("p", in: parent, class: className)
        add("strong", in: paragraph, text: label)
        document.text(" \(value)", in: paragraph)
    }
}
