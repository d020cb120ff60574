public import ParapetCore

/// One line of `parapet scan` output, in the scoring format of `shared/formats/README.md` §1.
public struct ScanResultRecord: Sendable, Hashable, Codable {
    /// One finding with UTF-8 byte offsets into the original input text.
    public struct FindingRecord: Sendable, Hashable, Codable {
        public var category: String
        public var start_byte: Int
        public var end_byte: Int
        public var score: Double
        public var scanner: String
        public var rule: String
    }

    /// The input record's id.
    public var id: RecordID
    /// `allow`, `block`, `rewrite` or `flag`.
    public var action: String
    /// Findings after overlap resolution.
    public var findings: [FindingRecord]
    /// Classifier scores by task.
    public var scores: [String: Double]
    /// Whether each classifier task fired at the policy's threshold.
    public var flags: [String: Bool]
    /// Detection time for this record.
    public var elapsed_ms: Double
    /// The rewritten text, when the action is `rewrite` and the caller asked for it.
    public var text: String?
    /// The rules that fired, by id.
    public var rules: [String]?
    /// Scanner errors, if any.
    public var errors: [String]?

    /// Builds the record for one decision.
    public init(id: RecordID, decision: Decision, elapsedMilliseconds: Double, includeText: Bool = false) {
        self.id = id
        self.action = decision.action.rawValue
        self.findings = decision.findings.map {
            FindingRecord(
                category: $0.category.rawValue,
                start_byte: $0.range.lowerBound,
                end_byte: $0.range.upperBound,
                score: ($0.score * 10_000).rounded() / 10_000,
                scanner: $0.scanner,
                rule: $0.rule
            )
        }
        self.scores = decision.scores
        self.flags = decision.flags
        self.elapsed_ms = (elapsedMilliseconds * 1_000).rounded() / 1_000
        self.text = includeText && decision.action == .rewrite ? decision.text : nil
        self.rules = decision.rulesFired.isEmpty ? nil : decision.rulesFired.map(\.rule)
        self.errors = decision.errors.isEmpty ? nil : decision.errors.map(\.description)
    }
}
