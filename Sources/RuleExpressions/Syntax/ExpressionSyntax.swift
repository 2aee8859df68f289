/// A parsed expression: the syntax tree, every node with its source span.
///
/// Public so that tools (a linter, the rubric loader's explanations) can walk
/// the tree; the checker and compiler are its main readers.
public struct ExpressionSyntax: Sendable, Hashable {
    public indirect enum Kind: Sendable, Hashable {
        case literal(Value)
        /// A variable name.
        case identifier(String)
        /// `operand.field`; `fieldSpan` covers just the field name, for diagnostics.
        case select(operand: ExpressionSyntax, field: String, fieldSpan: SourceSpan)
        /// `operand[index]`
        case index(operand: ExpressionSyntax, index: ExpressionSyntax)
        /// `function(arguments)` or `receiver.function(arguments)`.
        case call(function: String, receiver: ExpressionSyntax?, arguments: [ExpressionSyntax])
        /// A prefix operator: "!" or "-".
        case unary(String, ExpressionSyntax)
        /// A binary operator, spelt as in the source ("+", "&&", "in", ...).
        case binary(String, ExpressionSyntax, ExpressionSyntax)
        case conditional(ExpressionSyntax, ExpressionSyntax, ExpressionSyntax)
        case list([ExpressionSyntax])
        case map([MapEntry])
    }

    public struct MapEntry: Sendable, Hashable {
        public var key: ExpressionSyntax
        public var value: ExpressionSyntax
    }

    public var kind: Kind
    public var span: SourceSpan
    /// Height of the tree below and including this node, kept so that the
    /// parser can refuse trees deep enough to exhaust the stack later.
    public let depth: Int

    init(_ kind: Kind, span: SourceSpan) {
        self.kind = kind
        self.span = span
        var deepest = 0
        switch kind {
        case .literal, .identifier: break
        case .select(let operand, _, _): deepest = operand.depth
        case .index(let operand, let index): deepest = max(operand.depth, index.depth)
        case .call(_, let receiver, let arguments):
            deepest = max(receiver?.depth ?? 0, arguments.map(\.depth).max() ?? 0)
        case .unary(_, let operand): deepest = operand.depth
        case .binary(_, let lhs, let rhs): deepest = max(lhs.depth, rhs.depth)
        case .conditional(let a, let b, let c): deepest = max(a.depth, b.depth, c.depth)
        case .list(let elements): deepest = elements.map(\.depth).max() ?? 0
        case .map(let entries): deepest = entries.map { max($0.key.depth, $0.value.depth) }.max() ?? 0
        }
        depth = deepest + 1
    }
}
