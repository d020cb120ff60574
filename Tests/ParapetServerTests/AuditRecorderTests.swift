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
    }
}
