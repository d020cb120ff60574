extension NormalizedText {
    /// Findings from a scan of ``text`` with their ranges mapped back to ``original``
    /// (see ``originalRange(for:)``); everything else is kept.
    public func mapToOriginal(_ findings: [Finding]) -> [Finding] {
        guard !isIdentity else { return findings }
        return findings.map { finding in
            var mapped = finding
            mapped.range = originalRange(for: finding.range)
            return mapped
        }
    }

    /// A scan outcome of ``text`` with its findings mapped back to ``original``.
    public func mapToOriginal(_ outcome: ScanOutcome) -> ScanOutcome {
        ScanOutcome(findings: mapToOriginal(outcome.findings), scores: outcome.scores)
    }
}
