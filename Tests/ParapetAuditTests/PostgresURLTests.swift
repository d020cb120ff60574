import Foundation
@testable import ParapetAudit
import Testing

/// The PostgreSQL URL's parameters, and a server that does not answer.
@Suite struct PostgresURLTests {
    @Test(arguments: [
        ("postgres://u@db/x", 10), ("postgres://u@db/x?connect_timeout=3", 3), ("postgres://u@db/x?sslmode=disable&connect_timeout=3600", 3600),
    ])
    func connectTimeoutIsReadLikeLibpq(url: String, seconds: Int) throws {
        #expect(try PostgresAuditStore.connectTimeout(from: url) == seconds)
    }

    @Test(arguments: ["postgres://u@db/x?connect_timeout=0", "postgres://u@db/x?connect_timeout=abc", "postgres://u@db/x?connect_timeout=99999"])
    func badConnectTimeoutIsABadURL(url: String) {
        #expect { try PostgresAuditStore.connectTimeout(from: url) } throws: { ($0 as? AuditError)?.code == "bad_url" }
    }

    @Test func aServerThatDoesNotAnswerFailsTheOpenInsteadOfHanging() async throws {
        // Port 1 on loopback: nothing listens, the pool would retry forever.
        let url = "postgres://parapet:secret-not-real@127.0.0.1:1/audit?connect_timeout=1"
        await #expect {
            _ = try await PostgresAuditStore(url: url)
        } throws: { error in
            guard let error = error as? AuditError else { return false }
            return error.code == "io_error" && error.message.contains("no connection within 1 s") && !error.location.contains("secret-not-real")
        }
    }
}
