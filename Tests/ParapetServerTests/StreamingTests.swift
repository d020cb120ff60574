import HTTPTypes
import NIOCore
import Hummingbird
import HummingbirdTesting
import Parapet
import Testing

@testable import ParapetServer

@Suite("POST /v1/chat/completions with stream: true (stub upstream)")
struct StreamingTests {
    static let filler = String(repeating: "Some words to pad the answer out. ", count: 12)

    @Test("Streamed text equals the guarded whole answer; an e-mail split across chunks is redacted")
    func streamedRedaction() async throws {
        let answer = Self.filler + "Contact jane.doe@corp.example for details." + Self.filler
        for size in [1, 2, 3, 5, 8, 13, 64] {
            let server = try TestServer(.answer(answer, chunkSize: size))
            let reply = try await server.test { client in
                try await client.post("/v1/chat/completions", json: chatBody([("user", "who?")], stream: true))
            }
            #expect(reply.status == .ok)
            #expect(reply.headers[.contentType] == "text/event-stream")
            #expect(reply.events.last == "[DONE]")
            #expect(reply.streamedText == Self.filler + "Contact <EMAIL> for details." + Self.filler, "chunk size \(size)")
            #expect(reply.chunks.last?["choices"]?.arrayValue?.first?["finish_reason"] == .string("stop"))
        }
    }

    @Test("A secret split at every position is redacted before the client sees it")
    func secretSplitAtEveryPosition() async throws {
        let server = try TestServer()
        let guardrail = try #require(server.server.policies.guardrail("patterns"))
        let chat = ChatGuard(guardrail: guardrail)
        let answer = "Here it is: \(FakeSecrets.githubToken) and that's all."
        let expected = chat.checkResponse(StubUpstream.response(text: answer), request: ChatRequest(body: chatBody([("user", "t")])),
                                          conversation: "whole").response.text
        let scalars = Array(answer.unicodeScalars)
        for split in 1..<scalars.count {
            var guardian = chat.streamGuard(request: ChatRequest(body: chatBody([("user", "t")])), conversation: "s")
            var text = ""
            var head = String.UnicodeScalarView(), tail = String.UnicodeScalarView()
            head.append(contentsOf: scalars[..<split])
            tail.append(contentsOf: scalars[split...])
            for piece in [String(head), String(tail)] {
                let chunk = ChatChunk(body: StubUpstream.chunk(delta: .object([("content", .string(piece))])))
                if case .forward(let out) = guardian.process(chunk) { text += out.text }
            }
            let last = ChatChunk(body: StubUpstream.chunk(delta: .object([]), finish: "stop"))
            if case .forward(let out) = guardian.process(last) { text += out.text }
            #expect(text == expected, "split at \(split)")
            #expect(!text.contains(FakeSecrets.githubToken))
        }
    }

    @Test("A block ends the stream with a well-formed content_filter chunk, then [DONE]")
    func blockEndsStream() async throws {
        let answer = Self.filler + "The key is \(FakeSecrets.awsKeyID) ok." + Self.filler
        let server = try TestServer(.answer(answer, chunkSize: 4)) { $0.defaultPolicy = "strict" }
        let reply = try await server.test { client in
            try await client.post("/v1/chat/completions", json: chatBody([("user", "key?")], stream: true))
        }
        #expect(reply.status == .ok)
        #expect(reply.events.last == "[DONE]")
        let final = try #require(reply.chunks.last)
        #expect(final["object"] == .string("chat.completion.chunk"))
        #expect(final["id"] == .string("chatcmpl-stub"))
        #expect(final["choices"]?.arrayValue?.first?["finish_reason"] == .string("content_filter"))
        #expect(final["parapet"]?["action"] == .string("block"))
        #expect(!reply.streamedText.contains("AKIA"))
        #expect(reply.chunks.filter { ChatChunk(body: $0).finishReason != nil }.count == 1)
        #expect(server.recorded.all.contains { $0.1.direction == .output && $0.0.action == .block })
    }

    @Test("Pseudonyms from the input are restored in the streamed answer")
    func pseudonymsRestored() async throws {
        let server = try TestServer(.echo(chunkSize: 2))
        let reply = try await server.test { client in
            try await client.post("/v1/chat/completions", json: chatBody([("user", "Reply to jane.doe@corp.example please")], stream: true))
        }
        #expect(server.upstream.received.first?.lastUserText == "Reply to <EMAIL_1> please")
        #expect(reply.streamedText == "Reply to jane.doe@corp.example please")
    }

    @Test("Unknown fields, usage chunks and tool-call deltas pass through; arguments and reasoning are guarded")
    func passThroughAndToolCalls() async throws {
        func toolDelta(_ arguments: String, first: Bool) -> JSONValue {
            var call: JSONValue = .object([("index", .int(0)), ("function", .object([("arguments", .string(arguments))]))])
            if first {
                call["id"] = .string("call_9")
                call["type"] = .string("function")
                call["function"]?["name"] = .string("send")
            }
            return StubUpstream.chunk(delta: .object([("tool_calls", .array([call]))]))
        }
        var usage: JSONValue = StubUpstream.chunk(delta: .object([]))
        usage["choices"] = .array([])
        usage["usage"] = .object([("prompt_tokens", .int(3)), ("completion_tokens", .int(9)), ("total_tokens", .int(12))])
        var withExtra = StubUpstream.chunk(delta: .object([("content", .string("ok")), ("reasoning_content", .string("think"))]))
        withExtra["vendor"] = .object([("x", .number("1e-7"))])
        let chunks = [
            withExtra, toolDelta(#"{"to":"bob@c"#, first: true), toolDelta(#"orp.example"}"#, first: false),
            StubUpstream.chunk(delta: .object([]), finish: "tool_calls"), usage,
        ]
        let server = try TestServer(.raw(response: .null, chunks: chunks))
        let reply = try await server.test { client in
            try await client.post("/v1/chat/completions", json: chatBody([("user", "send")], stream: true))
        }
        let received = reply.chunks
        #expect(received.first?["vendor"] == .object([("x", .number("1e-7"))]))
        // Reasoning text is guarded like the content (held back, then emitted by the finish).
        let reasoning = received.flatMap { $0["choices"]?.arrayValue ?? [] }
            .compactMap { $0["delta"]?["reasoning_content"]?.stringValue }.joined()
        #expect(reasoning == "think")
        #expect(received.last == usage)
        let arguments = received.flatMap { $0["choices"]?.arrayValue ?? [] }
            .flatMap { $0["delta"]?["tool_calls"]?.arrayValue ?? [] }
            .compactMap { $0["function"]?["arguments"]?.stringValue }.joined()
        #expect(arguments == #"{"to":"<EMAIL>"}"#)
        #expect(received.contains { $0["choices"]?.arrayValue?.first?["delta"]?["tool_calls"]?.arrayValue?.first?["id"] == .string("call_9") })
    }
}
