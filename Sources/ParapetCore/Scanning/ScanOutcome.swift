/// What one scanner reports for one text: span findings and, for classifiers, task scores.
///
/// ARCHITECTURE.md has scanners return `[Finding]`. Classifiers also need to report their real
/// score when it is below any threshold (the scoring format wants it), so the result carries
/// `scores` beside `findings`.
public struct ScanOutcome: Sendable, Hashable {
    /// Detections with byte ranges in the original text.
    public var findings: [Finding]
    /// Classifier scores by task key (`injection`, `toxicity.hate`, …), each in 0…1.
    public var scores: [String: Double]

    /// Creates an outcome.
    public init(findings: [Finding] = [], scores: [String: Double] = [:]) {
        self.findings = findings
        self.scores = scores
    }

    /// An outcome with nothing found.
    public static let empty = ScanOutcome()
}
