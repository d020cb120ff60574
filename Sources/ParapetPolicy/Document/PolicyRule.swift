public import ParapetCore

/// One rule: a condition on the findings or scores, and the action to take when it holds.
public struct PolicyRule: Sendable, Hashable {
    /// The rule id, reported in ``RuleFiring/rule``.
    public var id: String
    /// A human description.
    public var description: String?
    /// When the rule fires.
    public var condition: RuleCondition
    /// What to do when it fires.
    public var action: Action
    /// The message for the decision (shown to the caller on a block).
    public var message: String?
    /// How a `rewrite` rule rewrites its findings; `nil` for other actions.
    public var `operator`: OperatorSpec?
    /// Where the rule is.
    public var location: SourceLocation

    /// Creates a rule.
    public init(
        id: String, description: String? = nil, condition: RuleCondition, action: Action,
        message: String? = nil, operator: OperatorSpec? = nil, location: SourceLocation
    ) {
        self.id = id
        self.description = description
        self.condition = condition
        self.action = action
        self.message = message
        self.operator = `operator`
        self.location = location
    }
}

/// When a rule fires.
public enum RuleCondition: Sendable, Hashable {
    /// At least `minCount` findings match.
    case findings(FindingCondition)
    /// A classifier score reaches a threshold.
    case score(ScoreCondition)

    /// The direction the rule is limited to (`nil`: any).
    public var direction: Direction? {
        switch self {
        case .findings(let c): c.direction
        case .score(let c): c.direction
        }
    }
}

/// A condition on span findings.
public struct FindingCondition: Sendable, Hashable {
    /// Category patterns (`pii.*`, `secret.aws_access_key_id`, `*`); a finding matches if any does.
    public var categories: [String]
    /// The lowest score that counts.
    public var minScore: Double
    /// Only texts of this direction (`nil`: any).
    public var direction: Direction?
    /// How many matching findings it takes.
    public var minCount: Int
    /// Only findings of this scanner id (`nil`: any scanner).
    public var scanner: String?
    /// Where `scanner` is, for `unknown_scanner_ref`.
    public var scannerLocation: SourceLocation?

    /// Creates a condition.
    public init(
        categories: [String], minScore: Double = 0, direction: Direction? = nil, minCount: Int = 1,
        scanner: String? = nil, scannerLocation: SourceLocation? = nil
    ) {
        self.categories = categories
        self.minScore = minScore
        self.direction = direction
        self.minCount = minCount
        self.scanner = scanner
        self.scannerLocation = scannerLocation
    }

    /// Whether a finding satisfies category, score and scanner.
    public func matches(_ finding: Finding) -> Bool {
        finding.score >= minScore && (scanner == nil || finding.scanner == scanner)
            && categories.contains { finding.category.matches($0) }
    }
}

/// A condition on a classifier score (`ScanOutcome.scores[key]`).
public struct ScoreCondition: Sendable, Hashable {
    /// The score key (`injection`, `toxicity.hate`, …); also the ``Decision/flags`` key.
    public var key: String
    /// The rule fires when the score is at least this.
    public var threshold: Double
    /// Only texts of this direction (`nil`: any).
    public var direction: Direction?
    /// Whether the policy wrote `threshold: default`: the loader then takes ``threshold`` from
    /// the scanner reporting ``key`` (a classifier bundle's manifest threshold).
    public var usesDefaultThreshold: Bool

    /// Creates a condition.
    public init(key: String, threshold: Double, direction: Direction? = nil, usesDefaultThreshold: Bool = false) {
        self.key = key
        self.threshold = threshold
        self.direction = direction
        self.usesDefaultThreshold = usesDefaultThreshold
    }
}

/// A rewrite operator as written in a policy; compiled into a ``RedactionOperator`` at load.
///
/// Kept separate from ``RedactionOperator`` so that a hash key read from the environment never
/// appears in the document, the digest or an explanation.
public enum OperatorSpec: Sendable, Hashable {
    /// `mask` with `{char, keep_last, keep_separators}`.
    case mask(character: Character, keepLast: Int, keepSeparators: Bool)
    /// `replace` with `{template}`.
    case replace(template: String)
    /// `hash` with `{key_env, length}`: the key is read from the named environment variable.
    case hash(keyEnvironmentVariable: String, length: Int)
    /// `pseudonymize`: reversible `<EMAIL_1>` placeholders.
    case pseudonymize
    /// `remove`: delete the text.
    case remove

    /// The operator names the format accepts.
    public static let names = ["mask", "replace", "hash", "pseudonymize", "remove"]

    /// The name used in policies.
    public var name: String {
        switch self {
        case .mask: "mask"
        case .replace: "replace"
        case .hash: "hash"
        case .pseudonymize: "pseudonymize"
        case .remove: "remove"
        }
    }
}
