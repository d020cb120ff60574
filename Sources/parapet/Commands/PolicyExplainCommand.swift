import ArgumentParser
import Foundation
import Parapet

/// `parapet policy explain`: show, for one text, every rule and whether it fired and why.
struct PolicyExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show every rule of a policy for one text: fired or not, and why."
    )

    @OptionGroup var policyOptions: PolicyOptions

    @OptionGroup var source: TextSourceOptions

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    func run() async throws {
        let input = try source.read()
        let policy = try policyOptions.compile()
        let explanation = policy.explain(ScanInput(text: input, direction: source.direction), redactor: Redactor())
        switch format {
        case .text:
            print(explanation.description)
            for (index, finding) in explanation.decision.findings.enumerated() {
                print("  finding #\(index) \(finding.category.rawValue) bytes \(finding.range.lowerBound)..<\(finding.range.upperBound) score \(String(format: "%.2f", finding.score)) \(finding.scanner)/\(finding.rule) \(DecisionPrinter.preview(String(finding.text(in: input))))")
            }
        case .json:
            print(try JSONOutput.encode(ExplanationJSON(explanation)))
        }
        try Terminal.flushStandardOutput()
    }
}

/// The JSON shape of an explanation.
private struct ExplanationJSON: Encodable {
    struct Rule: Encodable {
        var rule: String
        var action: String
        var fired: Bool
        var findings: [Int]
        var reason: String
    }

    var decision: Decision
    var rules: [Rule]

    init(_ explanation: PolicyExplanation) {
        decision = explanation.decision
        rules = explanation.rules.map {
            Rule(rule: $0.rule, action: $0.action.rawValue, fired: $0.fired, findings: $0.findingIndices, reason: $0.reason)
        }
    }
}
