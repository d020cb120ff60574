/// A chat completion request (OpenAI's `POST /v1/chat/completions` body) as a JSON tree.
///
/// Only the fields Parapet reads have accessors; every other field stays in ``body`` untouched.
public struct ChatRequest: Sendable, Hashable {
    /// The whole request body.
    public var body: JSONValue

    /// Wraps a request body.
    public init(body: JSONValue) { self.body = body }

    /// Builds a request from a model name and `(role, content)` messages.
    public init(model: String, messages: [(role: String, content: String)], stream: Bool = false) {
        let list: [JSONValue] = messages.map { .object([("role", .string($0.role)), ("content", .string($0.content))]) }
        var members: [(key: String, value: JSONValue)] = [("model", .string(model)), ("messages", .array(list))]
        if stream { members.append(("stream", .bool(true))) }
        self.body = .object(members)
    }

    /// Parses a request body.
    public init(json bytes: some Collection<UInt8>) throws(JSONParseError) {
        self.body = try JSONValue.parse(bytes)
    }

    /// The `model` field.
    public var model: String? { body["model"]?.stringValue }

    /// Whether the caller asked for server-sent events (`stream: true`).
    public var isStreaming: Bool {
        get { body["stream"]?.boolValue ?? false }
        set { body["stream"] = .bool(newValue) }
    }

    /// The `messages` array (empty when missing).
    public var messages: [JSONValue] { body["messages"]?.arrayValue ?? [] }

    /// The text of every system (and developer) message, joined by newlines; `nil` when none.
    public var systemPrompt: String? {
        let texts = messages.filter { ["system", "developer"].contains($0["role"]?.stringValue ?? "") }
            .flatMap { ChatText.texts(in: $0["content"]) }
        return texts.isEmpty ? nil : texts.joined(separator: "\n")
    }

    /// The text of the last user message, if any.
    public var lastUserText: String? {
        guard let last = messages.last(where: { $0["role"]?.stringValue == "user" }) else { return nil }
        let texts = ChatText.texts(in: last["content"])
        return texts.isEmpty ? nil : texts.joined(separator: "\n")
    }
}

/// Reads the text parts of a message `content` (a string, or an array of typed parts).
enum ChatText {
    static func texts(in content: JSONValue?) -> [String] {
        switch content {
        case .string(let text): return [text]
        case .array(let parts): return parts.compactMap { $0["type"]?.stringValue == "text" ? $0["text"]?.stringValue : nil }
        default: return []
        }
    }
}
