public import ParapetCore

/// A decision together with the verdict of every rule, for `parapet policy explain` and debugging.
public struct PolicyExplanation: Sendable, Hashable, CustomStringConvertible {
    /// The decision ``CompiledPolicy/evaluate(_:redactor:)`` would return.
    public var decision: Decision
    /// Every rule of the policy, in order.
    public var rules: [RuleExplanation]

    /// Creates an explanation.
    public init(decision: Decision, rules: [RuleExplanation]) {
        self.decision = decision
        self.rules = rules
    }

    /// A readable report: the action, then one line per rule.
    public var description: String {
        var lines = ["policy \(decision.policy) (\(decision.policyDigest.prefix(12))): \(decision.action.rawValue)"
            + (decision.wouldBe != decision.action ? " (would be \(decision.wouldBe.rawValue))" : "")]
        for error in decision.errors { lines.append("  error   \(error)") }
        for rule in rules {
            let mark = rule.fired ? "fired" : "-    "
            lines.append("  \(mark)   \(rule.rule) [\(rule.action.rawValue)]: \(rule.reason)")
        }
        return lines.joined(separator: "\n")
    }
}

/// One rule's verdict on one text.
public struct RuleExplanation: Sendable, Hashable {
    /// The rule id.
    public var rule: String
    /// The action the rule asks for.
    public var action: Action
    /// Whether it fired.
    public var fired: Bool
    /// Indices into ``Decision/findings`` that matched the rule (even when too few to fire).
    public var findingIndices: [Int]
    /// Why it fired or did not (`2 findings of pii.* (need 1)`, `no finding of secret.* ≥ 0.5`).
    public var reason: String

    /// Creates a rule verdict.
    public init(rule: String, action: Action, fired: Bool, findingIndices: [Int], reason: String) {
        self.rule = rule
        self.action = action
        self.fired = fired
        self.findingIndices = findingIndices
        self.reason = reason
    }
}
