/// A part of a report that depends only on the template and on what the part holds (a section's
/// heading, what a criterion measures, the chart's grid and labels), never on the client.
///
/// Its nodes are built the one way below, from its values alone; the template keeps libxml2's
/// serialization of them (`StaticParts`), so the next report with the same part inserts those bytes.
/// The value is the key: two parts that are equal build the same nodes.
enum StaticPart: Equatable, Sendable {
    case heading(level: Int, text: String)
    case paragraph(text: String)
    /// A paragraph with a bold lead-in (`ElementBuilding.labelled`).
    case labelled(label: String, text: String, className: String?)
    case caption(text: String)
    /// A table's `thead`: one row of column headers.
    case tableHead(headers: [String])
    /// One `th` row header or one `td`.
    case cell(rowHeader: Bool, text: String, className: String?)
    /// Inside the chart's `svg`.
    case chartBackdrop(RadarLayout)
    /// One `li` holding text: an action from the rubric.
    case listItem(text: String)
    /// One `li` of the appendix: a question's prompt, then the answer in bold, when the rubric gives
    /// the answer's words (`AnswerRecord.displayIsFromRubric`).
    case answerLine(prompt: String, answer: String)

    func build(in parent: HTMLDocument.Node, with builder: PartBuilder) {
        switch self {
        case .heading(let level, let text): builder.add(Self.headings[min(max(level, 1), 6) - 1], in: parent, text: text)
        case .paragraph(let text): builder.add("p", in: parent, text: text)
        case .labelled(let label, let text, let className): builder.labelled(label, text, in: parent, class: className)
        case .caption(let text): builder.add("figcaption", in: parent, text: text)
        case .chartBackdrop(let layout): RadarChart.drawBackdrop(layout, in: parent, with: builder)
        case .tableHead(let headers):
            let row = builder.add("tr", in: builder.add("thead", in: parent))
            let header = builder.styles.element(tag: "th", className: nil, in: builder.document)
            for text in headers { builder.add(header, in: row, text: text, scope: builder.styles.common.column) }
        case .cell(let rowHeader, let text, let className):
            let cell = builder.styles.element(tag: rowHeader ? "th" : "td", className: className, in: builder.document)
            builder.add(cell, in: parent, text: text, scope: rowHeader ? builder.styles.common.row : nil)
        case .listItem(let text): builder.add("li", in: parent, text: text)
        case .answerLine(let prompt, let answer): builder.answerLine(prompt: prompt, answer: answer, in: parent)
        }
    }

    private static let headings = ["h1", "h2", "h3", "h4", "h5", "h6"]

    /// Where the part stands in the Markdown writer's walk.
    var role: SerializedFragment.Role {
        switch self {
        case .tableHead: return .headerRow(cells: 0)  // the count comes from the row built
        case .cell: return .cell
        case .listItem, .answerLine: return .listItem
        default: return .blocks
        }
    }

    /// A sample of each text (its length and its first and last bytes) rather than all of it, mixed
    /// into one word, for `StaticPartTable`: every report looks up a hundred parts, some a paragraph
    /// long. Equality still compares whole values, so parts that share a sample only share a probe.
    var sampled: UInt64 {
        switch self {
        case .heading(let level, let text):
            return Self.mix(Self.mix(0, UInt64(level)), Self.sample(text))
        case .paragraph(let text):
            return Self.mix(1, Self.sample(text))
        case .labelled(let label, let text, let className):
            return Self.mix(Self.mix(Self.mix(2, Self.sample(label)), Self.sample(text)), Self.sample(className))
        case .caption(let text):
            return Self.mix(3, Self.sample(text))
        case .chartBackdrop(let layout):
            return layout.labels.reduce(Self.mix(4, Self.sample(layout.grid))) { Self.mix($0, Self.sample($1.lines.last)) }
        case .tableHead(let headers):
            return headers.reduce(5) { Self.mix($0, Self.sample($1)) }
        case .cell(let rowHeader, let text, let className):
            return Self.mix(Self.mix(rowHeader ? 6 : 7, Self.sample(text)), Self.sample(className))
        case .listItem(let text):
            return Self.mix(8, Self.sample(text))
        case .answerLine(let prompt, let answer):
            return Self.mix(Self.mix(9, Self.sample(prompt)), Self.sample(answer))
        }
    }

    private static func sample(_ text: String?) -> UInt64 {
        guard let text else { return 0x5A5A }
        // The string's own storage where it has one (no retain, unlike `withUTF8` on a copy).
        return text.utf8.withContiguousStorageIfAvailable(sample) ?? Array(text.utf8).withUnsafeBufferPointer(sample)
    }

    /// The length and the bytes, all of them up to 64 and otherwise 24 from each end and 16 from the
    /// middle, 8 at a time: enough to tell apart texts that differ only inside (the text bars do).
    private static func sample(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let raw = UnsafeRawBufferPointer(bytes)
        let count = raw.count
        var mixed = UInt64(count)
        if count <= 64 {
            mix(raw, 0..<count, into: &mixed)
        } else {
            mix(raw, 0..<24, into: &mixed)
            mix(raw, count / 2 - 8..<count / 2 + 8, into: &mixed)
            mix(raw, count - 24..<count, into: &mixed)
        }
        return mixed
    }

    private static func mix(_ raw: UnsafeRawBufferPointer, _ range: Range<Int>, into mixed: inout UInt64) {
        var offset = range.lowerBound
        while offset + 8 <= range.upperBound {
            mixed = mix(mixed, raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset += 8
        }
        var rest: UInt64 = 0
        while offset < range.upperBound {
            rest = rest << 8 | UInt64(raw[offset])
            offset += 1
        }
        mixed = mix(mixed, rest)
    }

    /// A multiply-xorshift step: cheap, and every input bit reaches the result.
    private static func mix(_ seed: UInt64, _ value: UInt64) -> UInt64 {
        var mixed = (seed ^ value) &* 0x9E37_79B9_7F4A_7C15
        mixed ^= mixed >> 31
        return mixed &* 0xBF58_476D_1CE4_E5B9 ^ value
    }
}

/// What building a static part needs: the document, the sheet and the chart's names, and no assessment.
struct PartBuilder: ElementBuilding {
    let document: HTMLDocument
    let styles: StyleTable
    let radarNames: RadarNames
}
