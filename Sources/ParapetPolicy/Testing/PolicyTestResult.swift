import Foundation
public import ParapetCore

/// The outcome of one policy test file.
public struct PolicyTestReport: Sendable, Hashable, CustomStringConvertible {
    /// The test file.
    public var file: String
    /// The policy tested.
    public var policy: String
    /// The digest of the policy tested.
    public var digest: String
    /// One result per case, in file order.
    public var results: [PolicyTestResult]

    /// Creates a report.
    public init(file: String, policy: String, digest: String, results: [PolicyTestResult]) {
        self.file = file
        self.policy = policy
        self.digest = digest
        self.results = results
    }

    /// Whether every case passed.
    public var passed: Bool { results.allSatisfy(\.passed) }
    /// The cases that failed.
    public var failures: [PolicyTestResult] { results.filter { !$0.passed } }

    /// One line per case (`PASS`/`FAIL`), failures followed by their diff, then a summary line.
    public var description: String {
        var lines = results.map(\.description)
        lines.append("\(file): \(results.count - failures.count)/\(results.count) passed (policy \(policy))")
        return lines.joined(separator: "\n")
    }
}

/// The outcome of one case: passed, or what differed.
public struct PolicyTestResult: Sendable, Hashable, CustomStringConvertible {
    /// The case name.
    public var name: String
    /// Where the case is.
    public var location: SourceLocation
    /// One readable line (or block) per mismatch; empty when the case passed.
    public var failures: [String]
    /// The decision the policy made.
    public var decision: Decision

    /// Creates a result.
    public init(name: String, location: SourceLocation, failures: [String], decision: Decision) {
        self.name = name
        self.location = location
        self.failures = failures
        self.decision = decision
    }

    /// Whether the decision met every expectation.
    public var passed: Bool { failures.isEmpty }

    /// `PASS file:line name`, or `FAIL …` followed by the indented diff.
    public var description: String {
        let head = "\(passed ? "PASS" : "FAIL") \(location.file):\(location.line) \(name)"
        return ([head] + failures.map { "    " + $0.replacingOccurrences(of: "\n", with: "\n    ") })
            .joined(separator: "\n")
    }

    /// Every difference between an expectation and a decision.
    static func compare(_ expect: PolicyExpectation, with decision: Decision, original: String) -> [String] {
        var failures: [String] = []
        func check<T: Equatable>(_ what: String, _ expected: T?, _ actual: T, _ show: (T) -> String) {
            if let expected, expected != actual { failures.append("\(what): expected \(show(expected)), got \(show(actual))") }
        }
        check("action", expect.action, decision.action, \.rawValue)
        check("would_be", expect.wouldBe, decision.wouldBe, \.rawValue)
        check("message", expect.message, decision.message ?? "", quote)
        if let text = expect.text, text != decision.text {
            failures.append("text:\n- expected: \(quote(text))\n+ actual:   \(decision.text.map(quote) ?? "nil (blocked)")")
        }
        if let expected = expect.findings {
            failures += findingsDiff(expected, decision: decision, original: original, exact: true)
        }
        if let expected = expect.containsFindings {
            failures += findingsDiff(expected, decision: decision, original: original, exact: false)
        }
        for (key, value) in (expect.flags ?? [:]).sorted(by: { $0.key < $1.key }) where decision.flags[key] != value {
            failures.append("flags.\(key): expected \(value), got \(decision.flags[key].map(String.init) ?? "absent")")
        }
        if let rules = expect.rules {
            let actual = decision.rulesFired.map(\.rule)
            if Set(rules) != Set(actual) {
                failures.append("rules: expected [\(rules.sorted().joined(separator: ", "))], got [\(actual.sorted().joined(separator: ", "))]")
            }
        }
        if !decision.errors.isEmpty {
            failures.append("scanner errors: " + decision.errors.map(\.description).joined(separator: "; "))
        }
        return failures
    }

    static func findingsDiff(_ expected: [ExpectedFinding], decision: Decision, original: String, exact: Bool) -> [String] {
        var unused = Array(decision.findings.indices)
        var lines: [String] = []
        for item in expected {
            if let position = unused.firstIndex(where: { item.matches(decision.findings[$0], in: original) }) {
                unused.remove(at: position)
            } else {
                lines.append("- missing    \(item)")
            }
        }
        if exact {
            for index in unused {
                let finding = decision.findings[index]
                lines.append("+ unexpected \(finding.category) \(quote(String(finding.text(in: original)))) (score \(finding.score), rule \(finding.rule))")
            }
        }
        guard !lines.isEmpty else { return [] }
        return ["\(exact ? "findings" : "contains_findings"):\n" + lines.joined(separator: "\n")]
    }

    static func quote(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n") + "\""
    }
}
