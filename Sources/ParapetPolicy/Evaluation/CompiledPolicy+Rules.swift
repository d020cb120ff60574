import Foundation
import ParapetCore

extension CompiledPolicy {
    /// One rule's verdict on the resolved findings and scores.
    ///
    /// With `explainAll` false, a rule that does not fire gets an empty reason: a decision only
    /// carries the reasons of the rules that fired, so evaluating builds no other text.
    func trace(
        _ rule: PolicyRule, findings: [Finding], scores: [String: Double], direction: Direction, description: String? = nil,
        explainAll: Bool = true
    ) -> RuleExplanation {
        func verdict(_ fired: Bool, _ indices: [Int], _ reason: @autoclosure () -> String) -> RuleExplanation {
            RuleExplanation(rule: rule.id, action: rule.action, fired: fired, findingIndices: indices,
                            reason: fired || explainAll ? reason() : "")
        }
        if let only = rule.condition.direction, only != direction {
            return verdict(false, [], Self.directionReason(only: only, text: direction))
        }
        switch rule.condition {
        case .score(let condition):
            guard let score = scores[condition.key] else {
                return verdict(false, [], "no \(condition.key) score (no scanner reported one)")
            }
            let fired = score >= condition.threshold
            let (shown, bound) = Self.format(score, against: condition.threshold)
            return verdict(fired, [], "\(condition.key) score \(shown) \(fired ? "≥" : "<") \(bound)")
        case .findings(let condition):
            let indices = findings.indices.filter { condition.matches(findings[$0]) }
            let what = description ?? Self.describe(condition)
            if indices.isEmpty { return verdict(false, [], "no finding of \(what)") }
            return verdict(
                indices.count >= condition.minCount, indices,
                "\(indices.count) finding\(indices.count == 1 ? "" : "s") of \(what) (need \(condition.minCount))")
        }
    }

    /// Why a rule for one direction does not apply; the usual pairs are constant strings, so
    /// nothing is built per evaluation.
    static func directionReason(only: Direction, text direction: Direction) -> String {
        switch (only, direction) {
        case (.input, .output): "applies to input only; this text is output"
        case (.output, .input): "applies to output only; this text is input"
        default: "applies to \(only.rawValue) only; this text is \(direction.rawValue)"
        }
    }

    /// `pii.* or secret.* ≥ 0.5 from scanner pii`.
    static func describe(_ condition: FindingCondition) -> String {
        var text = condition.categories.joined(separator: " or ")
        if condition.minScore > 0 { text += " ≥ \(format(condition.minScore))" }
        if let scanner = condition.scanner { text += " from scanner \(scanner)" }
        return text
    }

    /// A score with at most three decimals, without trailing zeros.
    static func format(_ value: Double, decimals: Int = 3) -> String {
        let scale = pow(10, Double(decimals))
        var text = String((value * scale).rounded() / scale)
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }

    /// A score and the threshold it is compared with, rounded to 3 decimals or as many more as
    /// keep the printed pair in the true order (never "score 1 < 1" for 0.99996 < 0.99997).
    static func format(_ score: Double, against threshold: Double) -> (score: String, threshold: String) {
        for decimals in 3...17 {
            let shown = format(score, decimals: decimals), bound = format(threshold, decimals: decimals)
            guard let a = Double(shown), let b = Double(bound) else { break }
            if (a >= b) == (score >= threshold), (a == b) == (score == threshold) { return (shown, bound) }
        }
        return (String(score), String(threshold))
    }
}
