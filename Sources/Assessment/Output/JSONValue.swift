/// A JSON value for the parts of an assessment whose type depends on the question.
public enum JSONValue: Sendable, Hashable, Codable {
    case null, bool(Bool), int(Int), double(Double), string(String), array([JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else {
            self = .array(try container.decode([JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let values): try container.encode(values)
        }
    }

    init(_ answer: Answer) {
        switch answer {
        case .scale(let value): self = .int(value)
        case .boolean(let value): self = .bool(value)
        case .number(let value): self = .double(value)
        case .choice(let value), .text(let value): self = .string(value)
        case .multiChoice(let values): self = .array(values.map(JSONValue.string))
        }
    }
}
