/// A chat completion response (`chat.completion`) as a JSON tree.
public struct ChatResponse: Sendable, Hashable {
    /// The whole response body.
    public var body: JSONValue

    /// Wraps a response body.
    public init(body: JSONValue) { self.body = body }

    /// Parses a response body.
    public init(json bytes: some Collection<UInt8>) throws(JSONParseError) {
        self.body = try JSONValue.parse(bytes)
    }

    /// The `choices` array (empty when missing).
    public var choices: [JSONValue] { body["choices"]?.arrayValue ?? [] }

    /// The message content of the first choice, if it is a string.
    public var text: String? { choices.first?["message"]?["content"]?.stringValue }

    /// The finish reason of the first choice.
    public var finishReason: String? { choices.first?["finish_reason"]?.stringValue }
}

/// One streamed chunk (`chat.completion.chunk`, the JSON of one server-sent event).
public struct ChatChunk: Sendable, Hashable {
    /// The whole chunk.
    public var body: JSONValue

    /// Wraps a chunk.
    public init(body: JSONValue) { self.body = body }

    /// Parses a chunk.
    public init(json bytes: some Collection<UInt8>) throws(JSONParseError) {
        self.body = try JSONValue.parse(bytes)
    }

    /// The `choices` array (empty when missing, as in a final usage chunk).
    public var choices: [JSONValue] { body["choices"]?.arrayValue ?? [] }

    /// The concatenated `delta.content` of every choice in this chunk.
    public var text: String { choices.compactMap { $0["delta"]?["content"]?.stringValue }.joined() }

    /// The first non-null finish reason in this chunk.
    public var finishReason: String? { choices.lazy.compactMap { $0["finish_reason"]?.stringValue }.first }
}
