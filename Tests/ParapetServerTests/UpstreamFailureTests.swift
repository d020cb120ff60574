import HTTPTypes
import NIOCore
import Hummingbird
import HummingbirdTesting
import Parapet
import Testing

@testable import ParapetServer

@Suite("Upstream failures become clean OpenAI errors")
struct UpstreamFailureTests {
    /// Gateways that repeat the key they were sent in an error must not hand it on: the body is
    /// cleaned where it is read, before it is passed through, quoted or audited (found 2026-12-02).
    /// Azure-style base URLs carry a query; it goes after the route (found 2026-12-02).
    @Test("A base URL's query goes after the route; credentials and fragments in it are refused")
    func baseURLForms() async throws {
        let client = OpenAIClient(baseURL: "https://h.example/openai/v1/?api-version=2024-06-01", apiKey: nil)
        #expect(client.endpoint == "https://h.example/openai/v1/chat/completions?api-version=2024-06-01")
        try await client.shutdown()
        let plain = OpenAIClient(baseURL: "http://127.0.0.1:8000/v1/", apiKey: nil)
        #expect(plain.endpoint == "http://127.0.0.1:8000/v1/chat/completions")
        try await plain.shutdown()
        for url in ["http://user:secret@h.example/v1", "http://h.example/v1#part"] {
            var config = ServerConfiguration()
            config.upstreamURL = url
            #expect(throws: ServerError.self) { try config.validate() }
        }
    }

    @Test("The upstream key is taken out of what the upstream says")
    func upstreamKeyIsRedacted() async throws {
        let key = "sk-" + "LEAKYFAKE-0001"
        let client = OpenAIClient(baseURL: "http://127.0.0.1:1/v1", apiKey: key)
        let said = #"{"error":{"message":"Incorrect API key provided: Bearer \#(key) (and \#(key))"}}"#
        let cleaned = String(decoding: client.redactingKey(Array(said.utf8)), as: UTF8.self)
        #expect(cleaned == #"{"error":{"message":"Incorrect API key provided: Bearer [redacted] (and [redacted])"}}"#)
        let error = ModelClientError(code: .upstreamStatus, message: "HTTP 500", status: 500,
                                     body: client.redactingKey(Array(said.utf8)), location: "upstream")
        #expect(!OpenAIError.upstream(error).0.message.contains(key))
        try await client.shutdown()

        // Escaped spellings of the key (QA round 2): found after decoding, in any string.
        let slashed = "sk-" + "live/AbCd+Ef12/345678"
        let escaping = OpenAIClient(baseURL: "http://127.0.0.1:1/v1", apiKey: slashed)
        for body in [
            #"{"error":{"message":"bad key sk-live\/AbCd+Ef12\/345678"}}"#,
            #"{"error":{"message":"x"},"choices":[{"delta":{"content":"sk-live\/AbCd+Ef12\/345678"}}]}"#,
        ] {
            let cleaned = escaping.redactingKey(Array(body.utf8))
            let decoded = try JSONValue.parse(cleaned)
            #expect(!String(decoding: decoded.serializedBytes, as: UTF8.self).contains("AbCd+Ef12"), "\(body)")
            #expect(String(decoding: cleaned, as: UTF8.self).contains("[redacted]"))
        }
        let chunk = try JSONValue.parse(Array(#"{"choices":[{"delta":{"content":"k=sk-live\/AbCd+Ef12\/345678"}}]}"#.utf8))
        #expect(escaping.redactingKey(chunk)["choices"]?.arrayValue?.first?["delta"]?["content"] == .string("k=[redacted]"))
        // A mark or variation selector right after the key joins its last character (QA round 3).
        for follower in ["\u{301}", "\u{FE0F}"] {
            let body = #"{"error":{"message":"bad key sk-live/AbCd+Ef12/345678"# + follower + #"."}}"#
            let cleaned = String(decoding: escaping.redactingKey(Array(body.utf8)), as: UTF8.self)
            #expect(!cleaned.contains("AbCd+Ef12") && cleaned.contains("[redacted]" + follower), "\(body)")
        }
        // Bodies without the key are passed on byte for byte.
        let untouched = Array(#"{"error" : {"message":"rate limited"}}"#.utf8)
        #expect(escaping.redactingKey(untouched) == untouched)
        try await escaping.shutdown()
        let keyless = OpenAIClient(baseURL: "http://127.0.0.1:1/v1", apiKey: nil)
        #expect(keyless.redactingKey(Array(said.utf8)) == Array(said.utf8))
        try await keyless.shutdown()
    }

    static let cases: [(ModelClientError, Int, String)] = [
        (ModelClientError(code: .timeout, message: "no answer in time"), 504, "upstream_timeout"),
        (ModelClientError(code: .connectionFailed, message: "refused"), 502, "upstream_unavailable"),
        (ModelClientError(code: .upstreamStatus, message: "HTTP 503", status: 503, body: Array("oops".utf8)), 502, "upstream_status"),
        (ModelClientError(code: .malformedResponse, message: "bad json"), 502, "upstream_malformed"),
    ]

    @Test("Failures before any answer, streamed or not", arguments: [false, true])
    func beforeAnswer(stream: Bool) async throws {
        for (failure, status, code) in Self.cases {
            let server = try TestServer(.fail(failure))
            let reply = try await server.test { client in
                try await client.post("/v1/chat/completions", json: chatBody([("user", "hi")], stream: stream))
            }
            #expect(Int(reply.status.code) == status, "\(failure.code)")
            #expect(reply.json["error"]?["code"] == .string(code))
            #expect(reply.json["error"]?["type"] == .string("upstream_error"))
        }
    }

    @Test("An upstream 4xx with an OpenAI error body passes through")
    func clientErrorsPassThrough() async throws {
        let body = #"{"error":{"message":"model 'nope' not found","type":"invalid_request_error","param":"model","code":"model_not_found"}}"#
        let server = try TestServer(.fail(ModelClientError(code: .upstreamStatus, message: "HTTP 404", status: 404, body: Array(body.utf8))))
        let reply = try await server.test { client in try await client.post("/v1/chat/completions", json: chatBody([("user", "hi")])) }
        #expect(reply.status == .notFound)
        #expect(reply.json["error"]?["code"] == .string("model_not_found"))
    }

    @Test("An error the upstream reports in a stream or a 5xx keeps its message")
    func upstreamMessageIsKept() async throws {
        let event = #"{"error":{"message":"the model ran out of memory","type":"server_error"}}"#
        let chunks = StubUpstream.chunks(text: "Partial answer", size: 6).dropLast()
        let failure = ModelClientError(code: .upstreamStatus, message: "error event", status: 502, body: Array(event.utf8))
        let server = try TestServer(.failMidStream(Array(chunks), failure))
        let reply = try await server.test { client in
            try await client.post("/v1/chat/completions", json: chatBody([("user", "hi")], stream: true))
        }
        let last = try #require(reply.chunks.last)
        #expect(last["error"]?["message"] == .string("The upstream reported an error: the model ran out of memory"))
        #expect(last["error"]?["code"] == .string("upstream_status"))
    }

    @Test("Malformed or truncated streams end with an error event after the guarded text", arguments: [
        ModelClientError.Code.malformedStream, .truncatedStream, .timeout,
    ])
    func midStream(code: ModelClientError.Code) async throws {
        let chunks = StubUpstream.chunks(text: "Partial answer for ann@corp.example", size: 6).dropLast()
        let server = try TestServer(.failMidStream(Array(chunks), ModelClientError(code: code, message: "cut")))
        let reply = try await server.test { client in
            try await client.post("/v1/chat/completions", json: chatBody([("user", "hi")], stream: true))
        }
        #expect(reply.status == .ok)
        #expect(reply.events.last != "[DONE]")
        let last = try #require(reply.chunks.last)
        #expect(last["error"]?["type"] == .string("upstream_error"))
        #expect(reply.streamedText == "Partial answer for <EMAIL>")
        #expect(server.recorded.all.contains { $0.1.direction == .output && $0.1.error != nil })
    }
}
