import Parapet
import Synchronization
import Testing

/// A model that echoes the last user message, streamed in 3-scalar chunks.
final class EchoModel: ModelClient {
    let sent = Mutex<[ChatRequest]>([])

    func complete(_ request: ChatRequest) async throws -> ChatResponse {
        sent.withLock { $0.append(request) }
        return ChatResponse(body: .object([
            ("id", .string("e1")),
            ("choices", .array([.object([("index", .int(0)), ("message", .object([("role", .string("assistant")), ("content", .string(request.lastUserText ?? ""))])), ("finish_reason", .string("stop"))])])),
        ]))
    }

    func stream(_ request: ChatRequest) async throws -> AsyncThrowingStream<ChatChunk, any Error> {
        sent.withLock { $0.append(request) }
        let scalars = Array((request.lastUserText ?? "").unicodeScalars)
        return AsyncThrowingStream { continuation in
            var index = 0
            while index < scalars.count {
                var view = String.UnicodeScalarView()
                view.append(contentsOf: scalars[index..<min(index + 3, scalars.count)])
                continuation.yield(ChatChunk(body: .object([("id", .string("e1")), ("choices", .array([.object([("index", .int(0)), ("delta", .object([("content", .string(String(view)))])), ("finish_reason", .null)])]))])))
                index += 3
            }
            continuation.yield(ChatChunk(body: .object([("id", .string("e1")), ("choices", .array([.object([("index", .int(0)), ("delta", .object([])), ("finish_reason", .string("stop"))])]))])))
            continuation.finish()
        }
    }
}

@Suite("GuardedModelClient: the same call shape, guarded")
struct GuardedModelClientTests {
    let guardrail: Guard

    init() throws {
        guardrail = try Guard(policyNamed: "patterns", searchPaths: [RepositoryPaths.policies])
    }

    @Test("Non-streaming: pseudonyms go out, originals come back; blocks throw and never call the model")
    func complete() async throws {
        let model = EchoModel()
        let client: any ModelClient = GuardedModelClient(wrapping: model, guard: guardrail)
        let answer = try await client.complete(ChatRequest(model: "m", messages: [("user", "Write to ann@corp.example")]))
        #expect(answer.text == "Write to ann@corp.example")
        #expect(model.sent.withLock { $0.first?.lastUserText } == "Write to <EMAIL_1>")
        await #expect(throws: ChatBlockedError.self) {
            _ = try await client.complete(ChatRequest(model: "m", messages: [("user", "key " + "AKIA" + "QYLPMN5HFIGWZ7TX")]))
        }
        #expect(model.sent.withLock { $0.count } == 1)
        #expect(guardrail.vault.conversationCount == 0)
    }

    @Test("Streaming: the same chunks shape, restored text")
    func stream() async throws {
        let model = EchoModel()
        let client = GuardedModelClient(wrapping: model, guard: guardrail)
        let prompt = String(repeating: "padding words ", count: 30) + "reach me at ann@corp.example soon"
        var text = ""
        var finish: String?
        for try await chunk in try await client.stream(ChatRequest(model: "m", messages: [("user", prompt)], stream: true)) {
            text += chunk.text
            finish = chunk.finishReason ?? finish
        }
        #expect(text == prompt)
        #expect(finish == "stop")
        #expect(model.sent.withLock { $0.first?.lastUserText?.contains("<EMAIL_1>") } == true)
    }

    @Test("Text the guard cannot read is refused: the request before the model, the answer after it")
    func unreadableShapes() async throws {
        let model = EchoModel()
        let client = GuardedModelClient(wrapping: model, guard: guardrail)
        let key = "AKIA" + "QYLPMN5HFIGWZ7TX"
        var request = ChatRequest(model: "m", messages: [("user", "x")])
        request.body["messages"] = .array([.object([("role", .string("user")), ("content", .object([("text", .string(key))]))])])
        await #expect(throws: ChatShape.RequestProblem(message: "'messages[0].content' must be a string or an array of parts.", param: "messages[0].content")) {
            _ = try await client.complete(request)
        }
        await #expect(throws: ChatShape.RequestProblem.self) { _ = try await client.stream(request) }
        #expect(model.sent.withLock { $0.isEmpty })
        let answer = ChatResponse(body: .object([("choices", .array([.object([("message", .object([("content", .object([("t", .string(key))]))]))])]))]))
        #expect(throws: ModelClientError.self) { try ChatShape.requireReadable(answer, location: "model answer") }
        let chunk = ChatChunk(body: .object([("choices", .array([.object([("delta", .object([("content", .array([.string(key)]))]))])]))]))
        #expect(throws: ModelClientError.self) { try ChatShape.requireReadable(chunk, location: "model stream") }
    }
}
