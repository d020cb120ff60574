import ParapetCore

/// A rule as evaluation uses it: the rule, its rewrite operator and the text describing its
/// findings condition, built once. A class, so walking the rules per evaluation copies one
/// reference per rule instead of every string the rule holds.
final class CompiledRule: Sendable {
    /// The rule as written (after merging).
    let rule: PolicyRule
    /// The compiled rewrite operator; nil unless the rule rewrites.
    let redactionOperator: RedactionOperator?
    /// The description of its findings condition (nil for score rules).
    let conditionDescription: String?

    init(_ rule: PolicyRule, redactionOperator: RedactionOperator?) {
        self.rule = rule
        self.redactionOperator = redactionOperator
        if case .findings(let condition) = rule.condition {
            conditionDescription = CompiledPolicy.describe(condition)
        } else {
            conditionDescription = nil
        }
    }
}
