import Foundation
import NIOCore
import Hummingbird
import HummingbirdTesting
import Parapet
import Testing

@testable import ParapetServer

/// Texts in shapes the guard does not read are refused, never forwarded or returned unscanned.
@Suite("Chat shapes the guard cannot read (stub upstream)")
struct ChatShapeTests {
    static let key = FakeSecrets.awsKeyID

    /// Request bodies that carried a credential past the input guard before `ChatShape`.
    static let unreadableRequests: [String] = [
        #"{"messages":[{"role":"user","content":{"text":"KEY"}}]}"#,
        #"{"messages":[{"role":"user","content":[{"type":"text","text":{"x":"KEY"}}]}]}"#,
        #"{"messages":[{"role":"user","content":[{"type":"text","text":["KEY"]}]}]}"#,
        #"{"messages":[{"role":"user","content":[["KEY"]]}]}"#,
        #"{"messages":[1,null,"KEY"]}"#,
        #"{"messages":[{"role":"user","content":"hi"}],"documents":"KEY"}"#,
        #"{"messages":[{"role":"user","content":"hi"}],"documents":[{"data":"x","text":{"t":"KEY"}}]}"#,
        #"{"messages":[{"role":"user","content":123}]}"#,
        #"{"messages":[{"role":["user"],"content":"KEY"}]}"#,
        // A `stream` read as false would let the upstream stream an answer the guard does not scan.
        #"{"messages":[{"role":"user","content":"KEY"}],"stream":"yes"}"#,
        #"{"messages":{"role":"user","content":"KEY"}}"#,
        #"[{"role":"user","content":"KEY"}]"#,
    ]

    @Test("A request whose text the guard cannot read gets a 400 and never reaches the upstream", arguments: unreadableRequests)
    func unreadableRequest(template: String) async throws {
        let server = try TestServer()
        let body = template.replacingOccurrences(of: "KEY", with: Self.key)
        let reply = try await server.test { client in
            try await client.execute(uri: "/v1/chat/completions", method: .post, body: ByteBuffer(string: body))
        }
        #expect(reply.status == .badRequest)
        #expect(reply.json["error"]?["type"] == .string("invalid_request_error"))
        #expect(reply.json["error"]?["param"]?.stringValue?.isEmpty == false)
        #expect(server.upstream.received.isEmpty)
    }

    /// (A declared length over the limit is refused before the body is read: the e2e suite checks
    /// it on a raw socket, since the router test client declares the length of the body it sends.)
    @Test("A body over max_body_bytes is a 413")
    func oversizedBodies() async throws {
        let server = try TestServer { $0.maxBodyBytes = 64 }
        let big = #"{"messages":[{"role":"user","content":""# + String(repeating: "a", count: 100) + #""}]}"#
        let sent = try await server.test { client in
            try await client.execute(uri: "/v1/chat/completions", method: .post, body: ByteBuffer(string: big))
        }
        #expect(sent.status == .contentTooLarge)
        #expect(sent.json["error"]?["code"] == .string("request_too_large"))
        #expect(server.upstream.received.isEmpty)
    }

    @Test("Readable shapes still pass: parts of any type with a string text, images, null content, string documents")
    func readableRequests() throws {
        let bodies = [
            #"{"messages":[{"role":"user","content":[{"type":"input_text","text":"hi"},{"type":"image_url","image_url":{"url":"https://x"}},"plain"]},{"role":"assistant","content":null,"tool_calls":[]}]}"#,
            #"{"messages":[{"content":"no role"}],"documents":["a",{"text":"b","title":{"x":1}}]}"#,
        ]
        for body in bodies {
            #expect(ChatShape.requestProblem(try JSONValue.parse(Array(body.utf8))) == nil, "\(body)")
        }
    }

    @Test("An answer whose text the output guard cannot read is a 502, not passed through")
    func unreadableAnswer() async throws {
        let answer = try JSONValue.parse(Array(#"{"id":"c","choices":[{"index":0,"message":{"role":"assistant","content":{"t":"KEY"}}}]}"#
            .replacingOccurrences(of: "KEY", with: Self.key).utf8))
        let server = try TestServer(.raw(response: answer, chunks: []))
        let reply = try await server.test { client in try await client.post("/v1/chat/completions", json: chatBody([("user", "hi")])) }
        #expect(reply.status == .badGateway)
        #expect(reply.json["error"]?["code"] == .string("upstream_malformed"))
        #expect(!String(decoding: reply.body.readableBytesView, as: UTF8.self).contains(Self.key))
    }

    @Test("A streamed delta whose text the guard cannot read ends the stream with an error event")
    func unreadableDelta() async throws {
        let chunk = try JSONValue.parse(Array(#"{"id":"c","choices":[{"index":0,"delta":{"content":["KEY"]}}]}"#
            .replacingOccurrences(of: "KEY", with: Self.key).utf8))
        let server = try TestServer(.raw(response: .null, chunks: [chunk]))
        let reply = try await server.test { client in
            try await client.post("/v1/chat/completions", json: chatBody([("user", "hi")], stream: true))
        }
        let text = String(decoding: reply.body.readableBytesView, as: UTF8.self)
        #expect(!text.contains(Self.key))
        #expect(text.contains("upstream_malformed"))
    }

    @Test("Answers without choices, or a usage chunk, carry no text and are fine")
    func noChoices() throws {
        #expect(ChatShape.answerProblem(try JSONValue.parse(Array(#"{"id":"c","choices":null}"#.utf8))) == nil)
        #expect(ChatShape.answerProblem(try JSONValue.parse(Array(#"{"usage":{"total_tokens":3}}"#.utf8)), messageKey: "delta") == nil)
        #expect(ChatShape.answerProblem(try JSONValue.parse(Array(#"{"choices":{"0":1}}"#.utf8))) != nil)
    }
}
