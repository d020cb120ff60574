extension StreamGuard {
    /// One decision for the whole stream so far: the strongest action, every window's findings
    /// (ranges into the whole raw text), rules, highest scores, summed timings and all errors.
    /// `nil` before any window was evaluated. Its `text` is `nil`; the caller knows what it sent.
    public var summary: Decision? {
        guard let first = windows.first else { return nil }
        var merged = Decision(
            action: first.action, wouldBe: first.wouldBe, text: nil, message: first.message,
            policy: first.policy, policyDigest: first.policyDigest)
        for window in windows {
            if window.action > merged.action {
                merged.action = window.action
                merged.message = window.message ?? merged.message
            }
            merged.wouldBe = max(merged.wouldBe, window.wouldBe)
            let base = merged.findings.count
            merged.findings.append(contentsOf: window.findings)
            merged.rulesFired.append(contentsOf: window.rulesFired.map { firing in
                var shifted = firing
                shifted.findingIndices = firing.findingIndices.map { $0 + base }
                return shifted
            })
            merged.scores.merge(window.scores) { max($0, $1) }
            merged.flags.merge(window.flags) { $0 || $1 }
            merged.timings.merge(window.timings) { $0 + $1 }
            merged.errors.append(contentsOf: window.errors)
        }
        return merged
    }
}
