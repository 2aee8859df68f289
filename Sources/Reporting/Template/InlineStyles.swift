/// A small style sheet turned into `style` attributes, because mail clients drop `<style>` blocks.
///
/// Only the selectors a report needs: `tag`, `.class`, and `tag.class`, comma-separated.
/// Declarations for the same element are merged: tag first, then class, then tag.class.
struct InlineStyles: Sendable {
    private var byTag: [String: String] = [:]
    private var byClass: [String: String] = [:]
    private var byTagAndClass: [String: String] = [:]

    /// Parses the sheet; returns the first selector it cannot use, with its line, as an error.
    init(css: String) throws(StyleSheetError) {
        let sheet = Self.removingComments(css)
        var rest = Substring(sheet)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else {
                throw StyleSheetError(message: "a '{' is never closed", line: Self.line(of: open, in: sheet))
            }
            let selectors = rest[..<open].split(separator: ",").map { $0.trimmingCharacters() }
            let declarations = rest[rest.index(after: open)..<close].split(separator: ";")
                .map { $0.trimmingCharacters() }.filter { !$0.isEmpty }.joined(separator: ";")
            for selector in selectors where !selector.isEmpty {
                try add(selector, declarations, line: Self.line(of: open, in: sheet))
            }
            rest = rest[rest.index(after: close)...]
        }
    }

    private mutating func add(_ selector: String, _ declarations: String, line: Int) throws(StyleSheetError) {
        let parts = selector.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let valid = parts.allSatisfy { part in part.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" } }
        guard valid, parts.count <= 2, !(parts.count == 2 && parts[1].isEmpty) else {
            throw StyleSheetError(
                message: "the selector '\(selector)' is not supported; use a tag, .class or tag.class", line: line)
        }
        func merge(_ table: inout [String: String], _ key: String) {
            table[key] = table[key].map { "\($0);\(declarations)" } ?? declarations
        }
        switch (parts.count, parts[0].isEmpty) {
        case (1, _): merge(&byTag, parts[0])
        case (_, true): merge(&byClass, parts[1])
        default: merge(&byTagAndClass, "\(parts[0]).\(parts[1])")
        }
    }

    /// The declarations for an element, or nil when the sheet says nothing about it. A property set
    /// twice keeps its last value, once, so the attribute stays short.
    func style(tag: String, classes: [Substring]) -> String? {
        var pieces: [String] = []
        if let tagStyle = byTag[tag] { pieces.append(tagStyle) }
        for name in classes {
            if let classStyle = byClass[String(name)] { pieces.append(classStyle) }
        }
        for name in classes {
            if let both = byTagAndClass["\(tag).\(name)"] { pieces.append(both) }
        }
        return pieces.isEmpty ? nil : Self.compact(pieces.joined(separator: ";"))
    }

    /// `a: 1; b: 2; a: 3` becomes `b:2;a:3`.
    static func compact(_ declarations: String) -> String {
        var order: [String] = []
        var values: [String: String] = [:]
        for declaration in declarations.split(separator: ";") {
            guard let colon = declaration.firstIndex(of: ":") else { continue }
            let property = declaration[..<colon].trimmingCharacters()
            let value = declaration[declaration.index(after: colon)...].trimmingCharacters()
            guard !property.isEmpty, !value.isEmpty else { continue }
            if values[property] != nil { order.removeAll { $0 == property } }
            order.append(property)
            values[property] = value
        }
        return order.map { "\($0):\(values[$0] ?? "")" }.joined(separator: ";")
    }

    private static func removingComments(_ css: String) -> String {
        var out = ""
        var rest = Substring(css)
        while let start = rest.firstRange(of: "/*") {
            out += rest[..<start.lowerBound]
            // Keep the line count right for error messages.
            let end = rest[start.upperBound...].firstRange(of: "*/")?.upperBound ?? rest.endIndex
            out += String(repeating: "\n", count: rest[start.lowerBound..<end].filter { $0 == "\n" }.count)
            rest = rest[end...]
        }
        return out + rest
    }

    private static func line(of index: Substring.Index, in css: String) -> Int {
        css[..<index].filter { $0 == "\n" }.count + 1
    }
}

struct StyleSheetError: Error {
    var message: String
    var line: Int
}

extension StringProtocol {
    func trimmingCharacters() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else {
            return ""
        }
        return String(self[first...last])
    }
}
