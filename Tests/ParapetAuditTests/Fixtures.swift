import Foundation
import ParapetAudit
import ParapetCore

/// Shared test data. The "secrets" here are obviously fake and built by concatenation so that
/// secret scanners do not mistake this file for a leak.
enum Fixtures {
    /// A fake e-mail address that must never reach a store.
    static let email = "jane.doe" + "@example.com"
    /// A fake AWS-style key id that must never reach a store.
    static let fakeKey = "AKIA" + "QYLPMN5HFIGWZ7TX"
    /// An input text holding both.
    static let input = "mail \(email) with key \(fakeKey)"

    /// A rewrite decision over ``input`` as the default policy would make it.
    static func rewriteDecision() -> Decision {
        let emailStart = input.utf8.count - "with key \(fakeKey)".utf8.count - email.utf8.count - 1
        let keyStart = input.utf8.count - fakeKey.utf8.count
        return Decision(
            action: .rewrite,
            text: "mail <EMAIL_1> with key <SECRET_1>",
            findings: [
                Finding(scanner: "patterns.pii", category: .email, range: emailStart..<(emailStart + email.utf8.count), score: 0.9, rule: "email"),
                Finding(scanner: "patterns.secrets", category: .awsAccessKeyID, range: keyStart..<input.utf8.count, score: 0.95, rule: "aws_access_key_id"),
            ],
            scores: ["injection": 0.0125],
            rulesFired: [RuleFiring(rule: "pseudonymize-pii", action: .rewrite, findingIndices: [0, 1], reason: "2 findings")],
            policy: "default", policyDigest: String(repeating: "ab", count: 32),
            timings: ["total": 123.4]
        )
    }

    /// An allow decision whose `text` is the original input (as allow decisions carry it).
    static func allowDecision() -> Decision {
        Decision(action: .allow, text: input, policy: "default", policyDigest: String(repeating: "cd", count: 32))
    }

    /// A varied event `index` for store tests: actions, categories, policies and times cycle.
    static func event(_ index: Int, baseMicros: Int64 = 1_800_000_000_000_000) -> DecisionEvent {
        let actions: [Action] = [.allow, .flag, .rewrite, .block]
        let categories = ["pii.email", "pii.phone", "secret.github_token", "injection"]
        let findings = index % 5 == 0 ? [] : [
            AuditFinding(category: categories[index % 4], scanner: "s", rule: "r\(index % 3)", score: 0.5 + Double(index % 5) / 10, start: index, end: index + 3)
        ]
        return DecisionEvent(
            id: EventID.make(timeMicros: baseMicros + Int64(index) * 1_000_000),
            timeMicros: baseMicros + Int64(index) * 1_000_000,
            requestID: "req-\(index)", conversationID: "conv-\(index % 7)", route: "/v1/chat/completions",
            model: "test-model", direction: index % 2 == 0 ? .input : .output,
            policy: index % 3 == 0 ? "strict" : "default", policyDigest: String(repeating: "0", count: 64),
            action: actions[index % 4], findings: findings,
            rules: findings.isEmpty ? [] : [AuditRule(rule: "rule-\(index % 3)", action: actions[index % 4], findings: [0])],
            scores: ["injection": Double(index % 10) / 10], latencyMicros: Int64(100 + index))
    }

    /// A fresh temporary path.
    static func temporaryPath(_ suffix: String) -> String {
        NSTemporaryDirectory() + "parapet-audit-\(UUID().uuidString)\(suffix)"
    }

    /// The stores that record chain heads (SQLite, and PostgreSQL when configured).
    static func headStoreURLs() -> [String] {
        ["sqlite:" + temporaryPath(".sqlite")] + (PostgresTestServer.url.map { [$0] } ?? [])
    }

    /// Every store kind to run conformance tests on (PostgreSQL when configured).
    static func storeURLs() -> [String] {
        var urls = ["memory:", "sqlite:" + temporaryPath(".sqlite"), "jsonl:" + temporaryPath(".jsonl")]
        if let postgres = PostgresTestServer.url { urls.append(postgres) }
        return urls
    }
}

/// The PostgreSQL server `.ci/run` starts, named by `PARAPET_TEST_POSTGRES_URL`.
enum PostgresTestServer {
    /// The URL, if configured.
    static var url: String? {
        let value = ProcessInfo.processInfo.environment["PARAPET_TEST_POSTGRES_URL"]
        return value?.isEmpty == false ? value : nil
    }

    /// Whether CI demands the PostgreSQL tests run.
    static var required: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }
}
