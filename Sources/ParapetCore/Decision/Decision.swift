/// The outcome of evaluating a policy on one text: what happened and why.
public struct Decision: Sendable, Hashable, Codable {
    /// The action taken (in `monitor` mode always `allow` or `flag`; see ``wouldBe``).
    public var action: Action
    /// What `enforce` mode would have done; equal to `action` in `enforce` mode.
    public var wouldBe: Action
    /// The text to pass on: the original for allow and flag, the rewritten text for rewrite,
    /// `nil` for block.
    public var text: String?
    /// The message for a block (shown to the caller instead of the model's answer).
    public var message: String?
    /// All findings after overlap resolution, ranges in the original text.
    public var findings: [Finding]
    /// Classifier scores by task key.
    public var scores: [String: Double]
    /// For each classifier task, whether its head fired at the policy's threshold.
    public var flags: [String: Bool]
    /// The rules that fired, in policy order.
    public var rulesFired: [RuleFiring]
    /// The policy's name.
    public var policy: String
    /// SHA-256 of the policy's canonical source, so a decision names the exact version.
    public var policyDigest: String
    /// Time spent per stage, in microseconds (`normalize`, `scan.<id>`, `evaluate`, `total`).
    public var timings: [String: Double]
    /// Scanners that failed, with their errors.
    public var errors: [ScannerError]

    /// Creates a decision.
    public init(
        action: Action,
        wouldBe: Action? = nil,
        text: String?,
        message: String? = nil,
        findings: [Finding] = [],
        scores: [String: Double] = [:],
        flags: [String: Bool] = [:],
        rulesFired: [RuleFiring] = [],
        policy: String = "",
        policyDigest: String = "",
        timings: [String: Double] = [:],
        errors: [ScannerError] = []
    ) {
        self.action = action
        self.wouldBe = wouldBe ?? action
        self.text = text
        self.message = message
        self.findings = findings
        self.scores = scores
        self.flags = flags
        self.rulesFired = rulesFired
        self.policy = policy
        self.policyDigest = policyDigest
        self.timings = timings
        self.errors = errors
    }
}

/// One rule that fired, and on which findings.
public struct RuleFiring: Sendable, Hashable, Codable {
    /// The rule id from the policy.
    public var rule: String
    /// The action the rule asked for.
    public var action: Action
    /// Indices into ``Decision/findings`` that made the rule fire (empty for score rules).
    public var findingIndices: [Int]
    /// A one-line reason (`3 findings of pii.* ≥ 0.5`).
    public var reason: String

    /// Creates a rule firing.
    public init(rule: String, action: Action, findingIndices: [Int] = [], reason: String) {
        self.rule = rule
        self.action = action
        self.findingIndices = findingIndices
        self.reason = reason
    }
}

