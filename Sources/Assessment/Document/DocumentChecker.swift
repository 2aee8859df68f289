import RuleExpressions

/// The keys of one mapping, read after its keys were checked.
struct Fields {
    let node: DocumentNode
    private let values: [String: DocumentNode]

    init(node: DocumentNode, values: [String: DocumentNode]) {
        self.node = node
        self.values = values
    }

    /// The value of a key, or nil when the key is absent or null.
    subscript(key: String) -> DocumentNode? {
        guard let value = values[key], !value.isNull else { return nil }
        return value
    }
}

/// Reads typed values out of a document tree, collecting every problem instead of stopping at the first.
final class DocumentChecker {
    let source: SourceText
    private(set) var diagnostics: [Diagnostic] = []

    init(source: SourceText) {
        self.source = source
    }

    func error(_ message: String, at node: DocumentNode, note: String? = nil) {
        diagnostics.append(source.diagnostic(message, at: node.location, note: note))
    }

    func error(_ message: String, at location: SourceLocation) {
        diagnostics.append(source.diagnostic(message, at: location))
    }

    /// Checks that `node` is a mapping whose keys are all known and whose required keys are present.
    func fields(_ node: DocumentNode, _ what: String, keys: [String], required: [String] = []) -> Fields? {
        guard let pairs = node.mappingPairs else {
            error("\(what) must be a mapping, found \(node.kindDescription)", at: node)
            return nil
        }
        var values: [String: DocumentNode] = [:]
        for (key, value) in pairs {
            guard let name = key.scalarText else { continue }  // the reader already reported it
            if keys.contains(name) {
                values[name] = value
            } else {
                let hint = Spelling.suggestion(for: name, among: keys).map { "; did you mean '\($0)'?" } ?? ""
                error("unknown key '\(name)' in \(what)\(hint)", at: key)
            }
        }
        for key in required where values[key]?.isNull ?? true {
            error("\(what) is missing the required key '\(key)'", at: node)
        }
        return Fields(node: node, values: values)
    }

    func string(_ node: DocumentNode?, _ what: String) -> String? {
        guard let node else { return nil }
        guard case .scalar(let text, _) = node.content else {
            error("\(what) must be text, found \(node.kindDescription)", at: node)
            return nil
        }
        return text
    }

    /// A plain (unquoted) scalar that reads as a number.
    func number(_ node: DocumentNode?, _ what: String) -> Double? {
        guard let node else { return nil }
        if case .scalar(let text, false) = node.content {
            switch ScalarValue(plain: text) {
            case .int(let value): return Double(value)
            case .double(let value) where value.isFinite: return value
            default: break
            }
        }
        error("\(what) must be a finite number, found \(node.kindDescription)", at: node)
        return nil
    }

    func integer(_ node: DocumentNode?, _ what: String) -> Int? {
        guard let node else { return nil }
        if case .scalar(let text, false) = node.content, case .int(let value) = ScalarValue(plain: text),
            let small = Int(exactly: value)
        {
            return small
        }
        error("\(what) must be a whole number, found \(node.kindDescription)", at: node)
        return nil
    }

    func bool(_ node: DocumentNode?, _ what: String) -> Bool? {
        guard let node else { return nil }
        if case .scalar(let text, false) = node.content, case .bool(let value) = ScalarValue(plain: text) {
            return value
        }
        error("\(what) must be true or false, found \(node.kindDescription)", at: node)
        return nil
    }

    func list(_ node: DocumentNode?, _ what: String) -> [DocumentNode]? {
        guard let node else { return nil }
        guard let items = node.sequenceItems else {
            error("\(what) must be a list, found \(node.kindDescription)", at: node)
            return nil
        }
        return items
    }

    /// One of a fixed set of words, with a did-you-mean when it is not.
    func word(_ node: DocumentNode?, _ what: String, among allowed: [String]) -> String? {
        guard let node, let text = string(node, what) else { return nil }
        guard allowed.contains(text) else {
            let hint = Spelling.suggestion(for: text, among: allowed).map { "; did you mean '\($0)'?" }
                ?? "; expected one of: \(allowed.joined(separator: ", "))"
            error("'\(text)' is not a valid \(what)\(hint)", at: node)
            return nil
        }
        return text
    }
}
