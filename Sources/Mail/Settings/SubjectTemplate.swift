/// A subject line with placeholders: `{client}`, `{owner}`, `{verdict}`, `{score}` and `{rubric}`.
public struct SubjectTemplate: Sendable {
    public static let placeholders = ["client", "owner", "verdict", "score", "rubric"]

    private enum Piece: Sendable {
        case text(String)
        case placeholder(String)
    }

    private let pieces: [Piece]

    public init(_ template: String) throws(MailError) {
        var pieces: [Piece] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            if open > rest.startIndex { pieces.append(.text(String(rest[..<open]))) }
            guard let close = rest[open...].firstIndex(of: "}") else {
                throw MailError.settings("the subject template has a '{' without its '}'")
            }
            let name = String(rest[rest.index(after: open)..<close])
            guard Self.placeholders.contains(name) else {
                let known = Self.placeholders.map { "{\($0)}" }.joined(separator: ", ")
                throw MailError.settings("the subject template names {\(name)}; it may use \(known)")
            }
            pieces.append(.placeholder(name))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { pieces.append(.text(String(rest))) }
        self.pieces = pieces
    }

    public func render(_ values: [String: String]) -> String {
        pieces.map { piece in
            switch piece {
            case .text(let text): return text
            case .placeholder(let name): return values[name] ?? ""
            }
        }.joined()
    }
}
