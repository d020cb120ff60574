import Foundation
import HTTPTypes
import NIOCore
import Hummingbird
import HummingbirdTesting
import Parapet
import Testing

@testable import ParapetServer

@Suite("Client keys and the loopback-only rule")
struct AuthTests {
    static let key = "pk-test-" + "not-a-real-key-0001"  // fake

    @Test("Keys are stored as SHA-256 digests and matched by digest")
    func hashedKeys() throws {
        var keys = ClientKeys()
        try keys.add(name: "alice", sha256Hex: ClientKeys.sha256Hex(Self.key))
        try keys.add(name: "bob", plaintext: "pk-bob-fake")
        #expect(keys.match(Self.key) == "alice")
        #expect(keys.match("pk-bob-fake") == "bob")
        #expect(keys.match(Self.key + "x") == nil)
        #expect(keys.match("") == nil)
        #expect(!keys.entries.contains { $0.digest == Array(Self.key.utf8) })
        #expect(throws: ServerError.self) { try keys.add(name: "bad", sha256Hex: "abc") }
    }

    @Test("Requests without a valid key are refused; health stays open")
    func refusesWithoutKey() async throws {
        let server = try TestServer { config in
            try? config.clientKeys.add(name: "alice", sha256Hex: ClientKeys.sha256Hex(Self.key))
        }
        try await server.test { client in
            let missing = try await client.post("/v1/chat/completions", json: chatBody([("user", "hi")]))
            #expect(missing.status == .unauthorized)
            #expect(missing.json["error"]?["code"] == .string("invalid_api_key"))
            #expect(missing.json["error"]?["type"] == .string("authentication_error"))
            var wrong = HTTPFields()
            wrong[.authorization] = "Bearer pk-wrong"
            #expect(try await client.post("/v1/moderations", json: .object([("input", .string("x"))]), headers: wrong).status == .unauthorized)
            var right = HTTPFields()
            right[.authorization] = "Bearer \(Self.key)"
            #expect(try await client.post("/v1/chat/completions", json: chatBody([("user", "hi")]), headers: right).status == .ok)
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
        }
        #expect(server.upstream.received.count == 1)
        #expect(server.recorded.all.allSatisfy { $0.1.client == "alice" })
    }

    /// Deny by default: the router ignores empty path segments, so a `/v1/` prefix check let
    /// `//v1/chat/completions` through without a key (found 2026-12-02).
    @Test("Every path but health, readiness and metrics needs a key, however it is spelled", arguments: [
        "//v1/chat/completions", "/v1//chat/completions", "///v1/moderations", "//v1/guard", "/v1/chat/completions/",
    ])
    func noPathSkipsTheKey(path: String) async throws {
        let server = try TestServer { config in
            try? config.clientKeys.add(name: "alice", sha256Hex: ClientKeys.sha256Hex(Self.key))
        }
        try await server.test { client in
            let reply = try await client.post(path, json: chatBody([("user", "hi")]))
            #expect(reply.status == .unauthorized, "\(path)")
            #expect(try await client.execute(uri: "/metrics", method: .get).status == .ok)
        }
        #expect(server.upstream.received.isEmpty)
    }

    @Test("The Bearer scheme is case-insensitive; other schemes and empty tokens are refused")
    func bearerScheme() {
        #expect(ClientAuthMiddleware.bearerToken("Bearer pk-1") == "pk-1")
        #expect(ClientAuthMiddleware.bearerToken("bearer pk-1") == "pk-1")
        #expect(ClientAuthMiddleware.bearerToken("BEARER   pk-1") == "pk-1")
        #expect(ClientAuthMiddleware.bearerToken("Basic pk-1") == nil)
        #expect(ClientAuthMiddleware.bearerToken("Bearer ") == nil)
        #expect(ClientAuthMiddleware.bearerToken("Bearerpk-1") == nil)
        #expect(ClientAuthMiddleware.bearerToken(nil) == nil)
    }

    @Test("A key that is the digest of the empty string is refused")
    func emptyKeyDigest() {
        var keys = ClientKeys()
        #expect(throws: ServerError.self) { try keys.add(name: "empty", sha256Hex: ClientKeys.sha256Hex("")) }
        #expect(keys.isEmpty)
    }

    /// A key's name scopes its conversations and is what the audit trail records: names are unique.
    @Test("Two keys with one name are refused, also an unnamed key beside a named one and a file key named like an environment key")
    func uniqueNames() throws {
        var keys = ClientKeys()
        try keys.add(name: "alice", plaintext: "pk-1")
        #expect(throws: ServerError.self) { try keys.add(name: "alice", plaintext: "pk-2") }
        #expect(throws: ServerError.self) { try keys.add(name: "alice", sha256Hex: ClientKeys.sha256Hex("pk-3")) }
        #expect(throws: ServerError.self) { try keys.add(name: "", plaintext: "pk-4") }
        #expect(throws: ServerError.self) { try keys.add(name: "a\u{0}b", plaintext: "pk-5") }
        let directory = try TemporaryDirectory()
        let file = directory.path + "/parapet.yaml"
        let first = ClientKeys.sha256Hex("pk-a"), second = ClientKeys.sha256Hex("pk-b")
        try "keys:\n  - {name: key1, sha256: \(first)}\n  - {sha256: \(second)}\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect { try ServerConfiguration.load(file: file, environment: [:]) } throws: {
            ($0 as? ServerError)?.message.contains("named 'key1'") == true
        }
        try "keys:\n  - {name: env0, sha256: \(first)}\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect { try ServerConfiguration.load(file: file, environment: ["PARAPET_CLIENT_KEYS": "pk-c"]) } throws: {
            ($0 as? ServerError)?.message.contains("named 'env0'") == true
        }
    }

    /// A host is judged by the address it resolves to, as the server binds it: a name spelled
    /// like a loopback address (`127.x.invalid`, which never resolves) is not one.
    @Test("Without client keys only loopback addresses are accepted", arguments: [
        ("127.0.0.1:8080", true), ("[::1]:9000", true), ("localhost:1", true), ("0.0.0.0:8080", false), ("10.1.2.3:80", false), (":8080", true),
        ("127.0.0.2:80", true), ("127.evil.invalid:8080", false), ("127.0.0.1.invalid:80", false), ("[::]:80", false),
    ])
    func loopbackOnly(listen: String, accepted: Bool) throws {
        var config = ServerConfiguration()
        try config.setListen(listen)
        if accepted {
            try config.validate()
        } else {
            #expect(throws: ServerError.self) { try config.validate() }
            try? config.clientKeys.add(name: "k", plaintext: "pk-fake")
            try config.validate()
        }
    }

    @Test("The configuration file is read, unknown keys are refused, the environment supplies secrets")
    func configurationFile() throws {
        let directory = try TemporaryDirectory()
        let file = directory.path + "/parapet.yaml"
        try """
            listen: 0.0.0.0:9090
            upstream: { url: "http://10.0.0.5:8000/v1", api_key_env: MY_UPSTREAM_KEY, timeout_seconds: 30 }
            policies: { default: strict, models: { m1: default }, routes: { /v1/moderations: pii-redact } }
            keys:
              - { name: alice, sha256: "\(ClientKeys.sha256Hex(Self.key))" }
            scan: { roles: [user], system: true, documents: false, tool_arguments: false, holdback_bytes: 512 }
            """.write(toFile: file, atomically: true, encoding: .utf8)
        let config = try ServerConfiguration.load(file: file, environment: ["MY_UPSTREAM_KEY": "sk-fake", "PARAPET_CLIENT_KEYS": "pk-env-fake"])
        #expect(config.host == "0.0.0.0" && config.port == 9090)
        #expect(config.upstreamURL == "http://10.0.0.5:8000/v1" && config.upstreamAPIKey == "sk-fake" && config.upstreamTimeout == 30)
        #expect(config.policyName(route: "/v1/chat/completions", model: "m1") == "default")
        #expect(config.policyName(route: "/v1/chat/completions", model: " M1 ") == "default")
        #expect(config.policyName(route: "/v1/chat/completions", model: "m2") == "strict")
        #expect(config.policyName(route: "/v1/moderations", model: nil) == "pii-redact")
        #expect(config.policyName(route: "/v1/chat/completions", model: nil) == "strict")
        #expect(config.clientKeys.match(Self.key) == "alice" && config.clientKeys.match("pk-env-fake") != nil)
        #expect(config.scan == ChatScanOptions(roles: ["user"], scanSystem: true, scanDocuments: false, scanToolArguments: false, holdback: 512))
        try config.validate()

        try "policies: {routes: {/v1/moderation: strict}}\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect { try ServerConfiguration.load(file: file, environment: [:]) } throws: {
            ($0 as? ServerError)?.message.contains("unknown route '/v1/moderation'") == true
        }

        try "listen: 1.2.3.4:1\nupstrem: {}\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect { try ServerConfiguration.load(file: file, environment: [:]) } throws: { ($0 as? ServerError)?.message.contains("upstrem") == true }
    }

    @Test("A configuration whose aliases expand a billion-fold is refused before it is expanded")
    func aliasBombIsRefused() throws {
        let directory = try TemporaryDirectory()
        let file = directory.path + "/parapet.yaml"
        var lines = ["x0: &x0 [a, a, a, a, a, a, a, a, a, a]"]
        for level in 1...9 { lines.append("x\(level): &x\(level) [" + Array(repeating: "*x\(level - 1)", count: 10).joined(separator: ", ") + "]") }
        try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        #expect { try ServerConfiguration.load(file: file, environment: [:]) } throws: {
            ($0 as? ServerError)?.message.contains("expand it past") == true
        }
    }

    @Test("Out-of-range numbers in the configuration are refused at their key, not trapped", arguments: [
        ("upstream: { timeout_seconds: 1e300 }", "upstream.timeout_seconds"),
        ("upstream: { timeout_seconds: .nan }", "upstream.timeout_seconds"),
        ("upstream: { timeout_seconds: -5 }", "upstream.timeout_seconds"),
        ("upstream: { timeout_seconds: 0 }", "upstream.timeout_seconds"),
        ("policies: { reload_interval_seconds: 1e300 }", "policies.reload_interval_seconds"),
        ("policies: { reload_interval_seconds: -1 }", "policies.reload_interval_seconds"),
        ("scan: { holdback_bytes: -5 }", "scan.holdback_bytes"),
        ("scan: { holdback_bytes: 99999999999 }", "scan.holdback_bytes"),
        ("max_body_bytes: -1", "max_body_bytes"),
        ("max_body_bytes: 0", "max_body_bytes"),
        ("classifier_request_tokens: 0", "classifier_request_tokens"),
        ("pseudonyms: { max_conversations: 0 }", "pseudonyms.max_conversations"),
        ("pseudonyms: { idle_timeout_seconds: -1 }", "pseudonyms.idle_timeout_seconds"),
        ("pseudonyms: { idle_timeout_seconds: 1e300 }", "pseudonyms.idle_timeout_seconds"),
        ("pseudonyms: { idle_timeout_seconds: .nan }", "pseudonyms.idle_timeout_seconds"),
    ])
    func outOfRangeNumbers(line: String, location: String) throws {
        let directory = try TemporaryDirectory()
        let file = directory.path + "/parapet.yaml"
        try (line + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let config = try ServerConfiguration.load(file: file, environment: [:])
        #expect { try config.validate() } throws: { ($0 as? ServerError)?.location == location }
    }

    @Test("The classifier budget per request is read from the file, 65,536 tokens by default")
    func classifierBudgetIsConfigured() throws {
        #expect(ServerConfiguration().classifierRequestTokens == 65_536)
        let directory = try TemporaryDirectory()
        let file = directory.path + "/parapet.yaml"
        try "classifier_request_tokens: 4096\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try ServerConfiguration.load(file: file, environment: [:]).classifierRequestTokens == 4096)
    }

    @Test("How many conversations keep their pseudonyms, and for how long, is read from the file")
    func pseudonymLimitsAreConfigured() throws {
        #expect(ServerConfiguration().pseudonymLimits == PseudonymVault.Limits(maxConversations: 10_000, idleTimeout: .seconds(3600)))
        let directory = try TemporaryDirectory()
        let file = directory.path + "/parapet.yaml"
        try "pseudonyms:\n  max_conversations: 500\n  idle_timeout_seconds: 0\n".write(toFile: file, atomically: true, encoding: .utf8)
        let config = try ServerConfiguration.load(file: file, environment: [:])
        #expect(config.pseudonymLimits == PseudonymVault.Limits(maxConversations: 500, idleTimeout: nil))
        try config.validate()
        try "pseudonyms: { max_conversation: 5 }\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect { try ServerConfiguration.load(file: file, environment: [:]) } throws: {
            ($0 as? ServerError)?.message.contains("max_conversation") == true
        }
    }

    @Test("The client clamps a timeout it cannot represent instead of trapping")
    func clientTimeoutIsClamped() async throws {
        for (given, kept) in [(1e300, 86_400.0), (-1, 0.001), (Double.nan, 120), (30, 30)] {
            let client = OpenAIClient(baseURL: "http://127.0.0.1:1/v1", apiKey: nil, timeoutSeconds: given)
            #expect(client.timeoutSeconds == kept)
            try await client.shutdown()
        }
    }
}
