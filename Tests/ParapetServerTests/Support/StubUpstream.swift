import Parapet
import Synchronization

/// A model server without sockets: answers from a script and remembers what it was sent.
final class StubUpstream: ModelClient {
    /// What the stub does with the next requests.
    enum Behaviour: Sendable {
        /// Echo the last user message back as the answer (non-streamed), or stream it in chunks of `chunkSize` bytes.
        case echo(chunkSize: Int)
        /// Answer with this text (streamed in chunks of `chunkSize` scalars).
        case answer(String, chunkSize: Int)
        /// Answer with this exact response body / these exact chunks.
        case raw(response: JSONValue, chunks: [JSONValue])
        /// Fail before answering.
        case fail(ModelClientError)
        /// Stream these chunks, then fail.
        case failMidStream([JSONValue], ModelClientError)
    }

    private let state: Mutex<(behaviour: Behaviour, received: [ChatRequest])>

    init(_ behaviour: Behaviour = .echo(chunkSize: 7)) {
        state = Mutex((behaviour, []))
    }

    /// Every request that reached the upstream.
    var received: [ChatRequest] { state.withLock { $0.received } }

    func set(_ behaviour: Behaviour) { state.withLock { $0.behaviour = behaviour } }

    func complete(_ request: ChatRequest) async throws -> ChatResponse {
        let behaviour = state.withLock { state in
            state.received.append(request)
            return state.behaviour
        }
        switch behaviour {
        case .echo: return Self.response(text: request.lastUserText ?? "")
        case .answer(let text, _): return Self.response(text: text)
        case .raw(let response, _): return ChatResponse(body: response)
        case .fail(let error), .failMidStream(_, let error): throw error
        }
    }

    func stream(_ request: ChatRequest) async throws -> AsyncThrowingStream<ChatChunk, any Error> {
        let behaviour = state.withLock { state in
            state.received.append(request)
            return state.behaviour
        }
        var chunks: [JSONValue]
        var failure: ModelClientError?
        switch behaviour {
        case .echo(let size): chunks = Self.chunks(text: request.lastUserText ?? "", size: size)
        case .answer(let text, let size): chunks = Self.chunks(text: text, size: size)
        case .raw(_, let raw): chunks = raw
        case .fail(let error): throw error
        case .failMidStream(let raw, let error):
            chunks = raw
            failure = error
        }
        return AsyncThrowingStream { continuation in
            for chunk in chunks { continuation.yield(ChatChunk(body: chunk)) }
            continuation.finish(throwing: failure)
        }
    }

    /// An answer that calls one tool (`call_1`) with these arguments, beside `content`.
    static func toolCallResponse(name: String, arguments: String, content: JSONValue = .null) -> JSONValue {
        var body = response(text: "").body
        body["choices"] = .array([.object([
            ("index", .int(0)),
            ("message", .object([
                ("role", .string("assistant")), ("content", content),
                ("tool_calls", .array([.object([
                    ("id", .string("call_1")), ("type", .string("function")),
                    ("function", .object([("name", .string(name)), ("arguments", .string(arguments))])),
                ])])),
            ])),
            ("finish_reason", .string("tool_calls")),
        ])])
        return body
    }

    static func response(text: String, extra: [(key: String, value: JSONValue)] = []) -> ChatResponse {
        ChatResponse(body: .object([
            ("id", .string("chatcmpl-stub")), ("object", .string("chat.completion")), ("created", .int(1_700_000_000)),
            ("model", .string("stub-model")),
            ("choices", .array([.object([
                ("index", .int(0)),
                ("message", .object([("role", .string("assistant")), ("content", .string(text))])),
                ("logprobs", .null), ("finish_reason", .string("stop")),
            ])])),
            ("usage", .object([("prompt_tokens", .int(5)), ("completion_tokens", .int(7)), ("total_tokens", .int(12))])),
        ] + extra))
    }

    /// `text` in chunks of `size` Unicode scalars, a role chunk first and a finish chunk last.
    static func chunks(text: String, size: Int) -> [JSONValue] {
        let scalars = Array(text.unicodeScalars)
        var pieces: [String] = []
        var index = 0
        while index < scalars.count {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[index..<min(scalars.count, index + size)])
            pieces.append(String(view))
            index += size
        }
        var result = [chunk(delta: .object([("role", .string("assistant")), ("content", .string(""))]))]
        result += pieces.map { chunk(delta: .object([("content", .string($0))])) }
        result.append(chunk(delta: .object([]), finish: "stop"))
        return result
    }

    static func chunk(delta: JSONValue, finish: String? = nil) -> JSONValue {
        .object([
            ("id", .string("chatcmpl-stub")), ("object", .string("chat.completion.chunk")), ("created", .int(1_700_000_000)),
            ("model", .string("stub-model")), ("system_fingerprint", .string("fp_stub")),
            ("choices", .array([.object([
                ("index", .int(0)), ("delta", delta), ("logprobs", .null),
                ("finish_reason", finish.map(JSONValue.string) ?? .null),
            ])])),
        ])
    }
}
