/// Why a metric cannot be computed on the given scores and labels.
public struct MetricsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable code: `empty`, `empty_class`, `length_mismatch`, `bad_score`, `bad_argument`.
    public var code: String
    /// What is wrong.
    public var message: String
    /// The metric that failed (`auroc`, `auprc`, …).
    public var metric: String

    /// Creates an error.
    public init(code: String, message: String, metric: String) {
        self.code = code
        self.message = message
        self.metric = metric
    }

    /// `metric: [code] message`.
    public var description: String { "\(metric): [\(code)] \(message)" }
}
