import Foundation
import Parapet

/// Prints a decision for a person reading a terminal.
enum DecisionPrinter {
    /// Prints the action, the findings (matched text masked), the rules and the passed-on text.
    static func print(_ decision: Decision, original: String) {
        let color = switch decision.action {
        case .allow: 32
        case .flag: 33
        case .rewrite: 36
        case .block: 31
        }
        var header = Terminal.colored(decision.action.rawValue.uppercased(), color)
        if decision.wouldBe != decision.action { header += " (enforce would \(decision.wouldBe.rawValue))" }
        header += "  policy \(decision.policy) @\(decision.policyDigest.prefix(12))"
        Swift.print(header)
        if let message = decision.message { Swift.print("  message: \(message)") }
        for finding in decision.findings {
            let excerpt = preview(String(finding.text(in: original)))
            Swift.print("  \(finding.category.rawValue)  bytes \(finding.range.lowerBound)..<\(finding.range.upperBound)  score \(String(format: "%.2f", finding.score))  rule \(finding.scanner)/\(finding.rule)  \(excerpt)")
        }
        for (key, score) in decision.scores.sorted(by: { $0.key < $1.key }) {
            let fired = decision.flags[key] == true ? " (fired)" : ""
            Swift.print("  score \(key) = \(String(format: "%.3f", score))\(fired)")
        }
        for rule in decision.rulesFired {
            Swift.print("  rule \(rule.rule) → \(rule.action.rawValue): \(rule.reason)")
        }
        for error in decision.errors { Swift.print("  error \(error.description)") }
        if decision.action == .rewrite, let text = decision.text {
            Swift.print("  rewritten: \(text)")
        }
    }

    /// Shows the first and last character of a match with the middle masked.
    static func preview(_ text: String) -> String {
        let characters = Array(text.replacingOccurrences(of: "\n", with: "⏎"))
        guard characters.count > 4 else { return "'" + String(repeating: "•", count: characters.count) + "'" }
        let middle = String(repeating: "•", count: min(12, characters.count - 4))
        return "'" + String(characters.prefix(2)) + middle + String(characters.suffix(2)) + "'"
    }
}
