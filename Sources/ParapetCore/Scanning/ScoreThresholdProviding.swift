/// A scanner whose scores come with the thresholds they were tuned for (a classifier bundle's
/// manifest thresholds), so a policy rule can say `threshold: default`.
public protocol ScoreThresholdProviding: Scanner {
    /// Per score key this scanner reports, the threshold at or above which it should fire.
    var defaultThresholds: [String: Double] { get }
}

extension ScoreThresholdProviding {
    /// The keys with a default threshold (a scanner that reports more keys says so itself).
    public var scoreKeys: Set<String>? { Set(defaultThresholds.keys) }
}
