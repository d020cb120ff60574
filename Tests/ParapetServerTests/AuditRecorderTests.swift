import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Parapet
import ParapetAudit
import Testing

@testable import ParapetServer

@Suite("Proxy decisions in the audit trail")
struct AuditRecorderTests {
    @Test("Every decision of a request is in the trail before the answer, masked, and the chain verifies")
    func decisionsAreRecordedMasked() async throws {
        let store = MemoryAuditStore()
        let writer = AuditWriter(store: store)
        let server = try TestServer(.echo(chunkSize: 5), recorder: AuditRecorder(sink: writer))
        let email = "jane.doe@corp.example"
        let reply = try await server.test { client in
            try await client.post("/v1/chat/completions", json: chatBody([("user", "Write to \(email) now")]))
        }
        #expect(reply.status == .ok)
        let events = store.events.map(\.event)
        let input = try #require(events.first { $0.direction == .input })
        #expect(input.action == .rewrite)
        #expect(input.route == "/v1/chat/completions")
        #expect(input.findings.contains { $0.category == "pii.email" })
        #expect(events.contains { $0.direction == .output })
        // The answer was sent after the events were written: the request id is the one returned.
        let header = try #require(HTTPField.Name("x-request-id"))
        #expect(events.allSatisfy { $0.requestID == reply.headers[header] })
        // Masked: the e-mail address is in no stored body.
        for stored in store.events {
            #expect(!String(decoding: stored.body, as: UTF8.self).contains(email))
        }
        let report = try await ChainVerifier().verify(store)
        #expect(report.problem == nil)
        #expect(report.events == events.count)
        // Without client keys there is no client, and the canonical form has no `client` field.
        #expect(events.allSatisfy { $0.client == nil })
        #expect(store.events.allSatisfy { !String(decoding: $0.body, as: UTF8.self).contains("\"client\"") })
    }

    /// Which client key sent a request is part of the record (the reviewer's "who"), never the key.
    @Test("The client key's name is recorded and covered by the chain")
    func clientIsRecorded() async throws {
        let store = MemoryAuditStore()
        let server = try TestServer(.echo(chunkSize: 5), recorder: AuditRecorder(sink: AuditWriter(store: store))) { config in
            try? config.clientKeys.add(name: "team-a", plaintext: "pk-team-a-fake")
        }
        var fields = HTTPFields()
        fields[.authorization] = "Bearer pk-team-a-fake"
        let headers = fields
        let reply = try await server.test { client in
            try await client.post("/v1/chat/completions", json: chatBody([("user", "hello")]), headers: headers)
        }
        #expect(reply.status == .ok)
        #expect(!store.events.isEmpty && store.events.allSatisfy { $0.event.client == "team-a" })
        #expect(store.events.allSatisfy { !String(decoding: $0.body, as: UTF8.self).contains("pk-team-a-fake") })
        #expect(try await ChainVerifier().verify(store).ok)
        // An edit of the client breaks the event's hash.
        store.tamper(at: 0) { $0.event.client = "team-b" }
        #expect(try await ChainVerifier().verify(store).problem?.kind == .hashMismatch)
    }

    /// Where in the request each decided text was, and its message's role, are part of the record
    /// (the reviewer's "which part"), covered by the chain; never the model's own keys inside
    /// tool-call arguments, nor a role a client made up.
    @Test("Each decision's location and role are recorded, without text of the user's or the model's")
    func locationAndRoleAreRecorded() async throws {
        let response = StubUpstream.toolCallResponse(
            name: "send", arguments: #"{"cc": {"bob@corp.example": "x"}}"#, content: .string("Sent."))
        let store = MemoryAuditStore()
        let server = try TestServer(.raw(response: response, chunks: []), recorder: AuditRecorder(sink: AuditWriter(store: store)))
        let body = chatBody([("system", "Be brief."), ("user", "mail jane.doe@corp.example"), ("Human", "and bob")])
        let reply = try await server.test { client in try await client.post("/v1/chat/completions", json: body) }
        #expect(reply.status == .ok)
        let events = store.events.map(\.event)
        let input = events.filter { $0.direction == .input }
        #expect(input.map(\.location) == ["messages[1].content", "messages[2].content"])
        #expect(input.map(\.role) == ["user", "other"])
        let output = events.filter { $0.direction == .output }
        let arguments = "choices[0].message.tool_calls[0].function.arguments"
        #expect(output.map(\.location) == ["choices[0].message.content", arguments, arguments])
        #expect(output.allSatisfy { $0.role == "assistant" })
        #expect(store.events.allSatisfy { !String(decoding: $0.body, as: UTF8.self).contains("bob@corp.example") })
        #expect(try await ChainVerifier().verify(store).ok)
        // An edit of the location breaks the event's hash.
        store.tamper(at: 0) { $0.event.location = "messages[0].content" }
        #expect(try await ChainVerifier().verify(store).problem?.kind == .hashMismatch)
    }
}
