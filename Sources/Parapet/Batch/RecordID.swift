/// A record id as it appeared in the input: a JSON string or a JSON number.
public enum RecordID: Sendable, Hashable, Codable, CustomStringConvertible {
    case string(String)
    case number(Int)

    /// Decodes a string or an integer.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            self = .number(number)
        } else {
            self = .string(try container.decode(String.self))
        }
    }

    /// Encodes as the JSON type it came as.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let s): try container.encode(s)
        case .number(let n): try container.encode(n)
        }
    }

    /// The id as text.
    public var description: String {
        switch self {
        case .string(let s): s
        case .number(let n): String(n)
        }
    }
}
