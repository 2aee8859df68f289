import RuleExpressions

/// The keys of one mapping, read after its keys were checked.
struct Fields {
    let node: DocumentNode
    /// Known keys only, so a handful: a list searched from the end (the last of repeated keys wins, as in a dictionary).
    private let values: [(key: String, value: DocumentNode)]

    init(node: DocumentNode, values: [(key: String, value: DocumentNode)]) {
        self.node = node
        self.values = values
    }

    /// The value of a key, or nil when the key is absent or null.
    subscript(key: String) -> DocumentNode? {
        guard let value = values.last(where: { $0.key == key })?.value, !value.isNull else { return nil }
        return value
    }

    /// Whether the key is absent or null.
    func isMissing(_ key: String) -> Bool { self[key] == nil }
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
    func fields(_ node: DocumentNode, _ what: @autoclosure () -> String, keys: [String], required: [String] = []) -> Fields? {
        guard let pairs = node.mappingPairs else {
            error("\(what()) must be a mapping, found \(node.kindDescription)", at: node)
            return nil
        }
        var values: [(key: String, value: DocumentNode)] = []
        values.reserveCapacity(pairs.count)
        for (key, value) in pairs {
            guard let name = key.scalarText else { continue }  // the reader already reported it
            if keys.contains(name) {
                values.append((name, value))
            } else {
                let hint = Spelling.suggestion(for: name, among: keys).map { "; did you mean '\($0)'?" } ?? ""
                error("unknown key '\(name)' in \(what())\(hint)", at: key)
            }
        }
        let fields = Fields(node: node, values: values)
        for key in required where fields.isMissing(key) {
            error("\(what()) is missing the required key '\(key)'", at: node)
        }
        return fields
    }

    func string(_ node: DocumentNode?, _ what: @autoclosure () -> String) -> String? {
        guard let node else { return nil }
        guard case .scalar(let text, _) = node.content else {
            error("\(what()) must be text, found \(node.kindDescription)", at: node)
            return nil
        }
        return text
    }

    /// A plain (unquoted) scalar that reads as a number.
    func number(_ node: DocumentNode?, _ what: @autoclosure () -> String) -> Double? {
        guard let node else { return nil }
        if case .scalar(let text, false) = node.content {
            switch ScalarValue(plain: text) {
            case .int(let value): return Double(value)
            case .double(let value) where value.isFinite: return value
            default: break
            }
        }
        error("\(what()) must be a finite number, found \(node.kindDescription)", at: node)
        return nil
    }

    func integer(_ node: DocumentNode?, _ what: @autoclosure () -> String) -> Int? {
        guard let node else { return nil }
        if case .scalar(let text, false) = node.content, case .int(let value) = ScalarValue(plain: text),
            let small = Int(exactly: value)
        {
            return small
        }
        error("\(what()) must be a whole number, found \(node.kindDescription)", at: node)
        return nil
    }

    func bool(_ node: DocumentNode?, _ what: @autoclosure () -> String) -> Bool? {
        guard let node else { return nil }
        if case .scalar(let text, false) = node.content, case .bool(let value) = ScalarValue(plain: text) {
            return value
        }
        error("\(what()) must be true or false, found \(node.kindDescription)", at: node)
        return nil
    }

    func list(_ node: DocumentNode?, _ what: @autoclosure () -> String) -> [DocumentNode]? {
        guard let node else { return nil }
        guard let items = node.sequenceItems else {
            error("\(what()) must be a list, found \(node.kindDescription)", at: node)
            return nil
        }
        return items
    }

    /// One of a fixed set of words, with a did-you-mean when it is not.
    func word(_ node: DocumentNode?, _ what: @autoclosure () -> String, among allowed: [String]) -> String? {
        guard let node, let text = string(node, what()) else { return nil }
        guard allowed.contains(text) else {
            let hint = Spelling.suggestion(for: text, among: allowed).map { "; did you mean '\($0)'?" }
                ?? "; expected one of: \(allowed.joined(separator: ", "))"
            error("'\(text)' is not a valid \(what())\(hint)", at: node)
            return nil
        }
        return text
    }
}
