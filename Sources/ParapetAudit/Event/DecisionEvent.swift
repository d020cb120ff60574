public import ParapetCore

/// One policy decision as the audit trail records it: versioned, masked, without raw text.
///
/// An event says what was decided (action, findings, rules), by which policy version (name and
/// digest), when, for which request, and how long it took. It never holds the text that was
/// scanned nor the text a finding matched: findings carry byte ranges only, and the rewritten
/// text is stored according to ``TextPrivacy`` (a hash by default). Build one from a
/// ``Decision`` with ``init(decision:context:privacy:)``.
public struct DecisionEvent: Sendable, Hashable, Codable {
    /// The schema version written by this build.
    public static let currentVersion = 1

    /// Schema version of this event.
    public var version: Int
    /// Unique event id (a UUIDv7: time-ordered).
    public var id: String
    /// When the decision was made, in microseconds since 1970-01-01 UTC.
    public var timeMicros: Int64
    /// The request the decision belongs to (the proxy's request id, a scan record id, …).
    public var requestID: String?
    /// The conversation the request belongs to.
    public var conversationID: String?
    /// The route or command that produced it (`/v1/chat/completions`, `cli.scan`, …).
    public var route: String?
    /// The model the request was for.
    public var model: String?
    /// The name of the client key that authenticated the request (the proxy with client keys),
    /// never the key. Absent from events without one, so their canonical form, and the hashes of
    /// trails written before it existed (2026-12-02), are unchanged.
    public var client: String?
    /// Where in the request or answer the text was (`messages[1].content`,
    /// `choices[0].message.tool_calls[0].function.arguments`), and the role of its message. Absent
    /// when not given (the CLI), so such events, and trails written before they existed
    /// (2026-12-02), keep their canonical form and hashes.
    public var location: String?
    /// The role of the message the text was in (`user`, `tool`, `assistant`, `document`).
    public var role: String?
    /// Input (prompt) or output (model answer).
    public var direction: Direction
    /// The policy's name.
    public var policy: String
    /// SHA-256 of the policy's canonical source: the exact policy version.
    public var policyDigest: String
    /// The action taken.
    public var action: Action
    /// What enforce mode would have done (differs from `action` in monitor mode).
    public var wouldBe: Action
    /// Findings, without the matched text.
    public var findings: [AuditFinding]
    /// The rules that fired, in policy order.
    public var rules: [AuditRule]
    /// Classifier scores by task.
    public var scores: [String: Double]
    /// The rewritten text (for `rewrite` only), as the privacy setting allows.
    public var text: AuditText?
    /// Time from request to decision, in microseconds.
    public var latencyMicros: Int64?
    /// An error code and message of the request (never user text), if it failed.
    public var error: String?
    /// Scanners that failed, as `scanner: code` (their messages are not stored).
    public var scannerErrors: [String]

    /// Creates an event from its fields; most callers use ``init(decision:context:privacy:)``.
    public init(
        version: Int = DecisionEvent.currentVersion, id: String, timeMicros: Int64,
        requestID: String? = nil, conversationID: String? = nil, route: String? = nil, model: String? = nil,
        client: String? = nil, location: String? = nil, role: String? = nil,
        direction: Direction, policy: String, policyDigest: String, action: Action, wouldBe: Action? = nil,
        findings: [AuditFinding] = [], rules: [AuditRule] = [], scores: [String: Double] = [:],
        text: AuditText? = nil, latencyMicros: Int64? = nil, error: String? = nil, scannerErrors: [String] = []
    ) {
        self.version = version
        self.id = id
        self.timeMicros = timeMicros
        self.requestID = requestID
        self.conversationID = conversationID
        self.route = route
        self.model = model
        self.client = client
        self.location = location
        self.role = role
        self.direction = direction
        self.policy = policy
        self.policyDigest = policyDigest
        self.action = action
        self.wouldBe = wouldBe ?? action
        self.findings = findings
        self.rules = rules
        self.scores = scores.mapValues { $0.isFinite ? $0 : 0 }
        self.text = text
        self.latencyMicros = latencyMicros
        self.error = error
        self.scannerErrors = scannerErrors
    }

    enum CodingKeys: String, CodingKey {
        case version = "v", id, timeMicros = "time_us", requestID = "request_id"
        case conversationID = "conversation_id", route, model, client, location, role, direction, policy
        case policyDigest = "policy_digest", action, wouldBe = "would_be", findings, rules, scores, text
        case latencyMicros = "latency_us", error, scannerErrors = "scanner_errors"
    }

    /// The distinct categories of the findings, sorted.
    public var categories: [String] {
        switch findings.count {
        case 0: []
        case 1: [findings[0].category]
        default: Array(Set(findings.map(\.category))).sorted()
        }
    }
}

/// One finding in an audit event: where and what, never the matched text.
public struct AuditFinding: Sendable, Hashable, Codable {
    /// The taxonomy category (`pii.email`).
    public var category: String
    /// The scanner id.
    public var scanner: String
    /// The rule or pattern id within the scanner.
    public var rule: String
    /// Confidence in 0…1.
    public var score: Double
    /// UTF-8 byte offset where the match starts in the scanned text.
    public var start: Int
    /// UTF-8 byte offset where the match ends (exclusive).
    public var end: Int

    /// Creates an audit finding.
    public init(category: String, scanner: String, rule: String, score: Double, start: Int, end: Int) {
        self.category = category
        self.scanner = scanner
        self.rule = rule
        self.score = score.isFinite ? score : 0
        self.start = start
        self.end = end
    }
}

/// One rule that fired, as recorded.
public struct AuditRule: Sendable, Hashable, Codable {
    /// The rule id from the policy.
    public var rule: String
    /// The action the rule asked for.
    public var action: Action
    /// Indices into the event's findings.
    public var findings: [Int]

    /// Creates an audit rule record.
    public init(rule: String, action: Action, findings: [Int] = []) {
        self.rule = rule
        self.action = action
        self.findings = findings
    }
}

/// The rewritten text as the privacy setting allows it to be stored.
public struct AuditText: Sendable, Hashable, Codable {
    /// How it was stored: `hash` or `full`.
    public var mode: String
    /// `sha256:<hex>` or `hmac-sha256:<hex>` of the rewritten text.
    public var hash: String?
    /// The rewritten text itself (only with ``TextPrivacy/full``).
    public var value: String?

    /// Creates a text record.
    public init(mode: String, hash: String? = nil, value: String? = nil) {
        self.mode = mode
        self.hash = hash
        self.value = value
    }
}
