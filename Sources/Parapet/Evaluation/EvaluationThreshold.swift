public import ParapetCore
public import ParapetPolicy

/// The threshold `parapet eval --policy` judges a label at, and where it comes from.
public struct EvaluationThreshold: Sendable, Hashable {
    /// A score at or above it is a positive prediction.
    public var value: Double
    /// Where ``value`` comes from, as the report prints it (`policy classifier manifest`,
    /// `policy rule 'flag-toxicity'`).
    public var source: String

    /// Creates a threshold.
    public init(value: Double, source: String) {
        self.value = value
        self.source = source
    }
}

extension EvaluationThreshold {
    /// What `parapet eval` judges at when there is neither `--threshold` nor a default.
    public static let fallback = EvaluationThreshold(value: 0.5, source: "no default found")

    /// A threshold given with `--threshold`.
    public static func given(_ value: Double) -> EvaluationThreshold {
        EvaluationThreshold(value: value, source: "--threshold")
    }
}

extension EvaluationReport {
    /// The Markdown heading over one run's reports:
    /// `## parapet eval — injection with bundle B 0.1.0, threshold 0.75 (bundle manifest)`.
    public static func heading(task: String, scorer: String, threshold: EvaluationThreshold) -> String {
        "## parapet eval — \(task) with \(scorer), threshold \(threshold.value) (\(threshold.source))"
    }
}

extension CompiledPolicy {
    /// The score keys the policy is known to report: those its scanners ship a default threshold
    /// for (a classifier bundle's labels, `refusal`, `leakage`; every standard scanner that
    /// scores is one of these) and those its score rules test. `parapet eval --policy` refuses a
    /// label outside it before scoring anything.
    public var evaluationLabels: Set<String> {
        var keys = Set(defaultThresholds.keys)
        for rule in rules {
            if case .score(let condition) = rule.condition { keys.insert(condition.key) }
        }
        return keys
    }

    /// The threshold for `label` on texts of `direction`, after `--threshold`: the first score
    /// rule on the label that applies in `direction` (a rule without a direction applies to both;
    /// `threshold: default` is already the scanner's own), since that is where the policy acts;
    /// else the threshold the scanner reporting the label ships with (its classifier bundle's
    /// manifest, for a finer label no rule tests); nil when neither exists.
    public func evaluationThreshold(for label: String, direction: Direction) -> EvaluationThreshold? {
        for rule in rules {
            guard case .score(let condition) = rule.condition, condition.key == label,
                  condition.direction == nil || condition.direction == direction else { continue }
            return EvaluationThreshold(value: condition.threshold, source: "policy rule '\(rule.id)'")
        }
        if let value = defaultThresholds[label] {
            return EvaluationThreshold(value: value, source: "policy classifier manifest")
        }
        return nil
    }
}
