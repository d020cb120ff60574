/// A scanner whose scores come with the thresholds they were tuned for (a classifier bundle's
/// manifest thresholds), so a policy rule can say `threshold: default`.
public protocol ScoreThresholdProviding: Scanner {
    /// Per score key this scanner reports, the threshold at or above which it should fire.
    var defaultThresholds: [String: Double] { get }
}

extension Sequence where Element == any Scanner {
    /// The threshold every score key ships with, from the scanners that provide one; where two
    /// report the same key, the first one's.
    public var defaultThresholds: [String: Double] {
        var thresholds: [String: Double] = [:]
        for case let scanner as any ScoreThresholdProviding in self {
            thresholds.merge(scanner.defaultThresholds) { first, _ in first }
        }
        return thresholds
    }
}

extension ScoreThresholdProviding {
    /// The keys with a default threshold (a scanner that reports more keys says so itself).
    public var scoreKeys: Set<String>? { Set(defaultThresholds.keys) }
}
