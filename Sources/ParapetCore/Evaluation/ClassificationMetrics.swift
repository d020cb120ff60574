/// Binary classification metrics over scores in 0…1 and boolean labels (true = positive).
///
/// Pure functions, no I/O. Threshold metrics count a score at or above the threshold as a
/// positive prediction (the policy's rule `score >= threshold`). Ranking metrics treat tied
/// scores as sklearn does: AUROC counts a tied positive–negative pair as half, average
/// precision and the ROC curve move one step per distinct score.
public enum ClassificationMetrics {
    /// Counts of a thresholded prediction.
    public struct Confusion: Sendable, Hashable, Codable {
        /// Positives predicted positive.
        public var truePositives = 0
        /// Negatives predicted positive.
        public var falsePositives = 0
        /// Negatives predicted negative.
        public var trueNegatives = 0
        /// Positives predicted negative.
        public var falseNegatives = 0

        /// Creates counts.
        public init(truePositives: Int = 0, falsePositives: Int = 0, trueNegatives: Int = 0, falseNegatives: Int = 0) {
            self.truePositives = truePositives
            self.falsePositives = falsePositives
            self.trueNegatives = trueNegatives
            self.falseNegatives = falseNegatives
        }

        /// Positives in the data.
        public var positives: Int { truePositives + falseNegatives }
        /// Negatives in the data.
        public var negatives: Int { trueNegatives + falsePositives }
        /// TP / (TP + FP); nil when nothing was predicted positive.
        public var precision: Double? { ratio(truePositives, truePositives + falsePositives) }
        /// TP / (TP + FN), the true-positive rate; nil without positives.
        public var recall: Double? { ratio(truePositives, positives) }
        /// FP / (FP + TN); nil without negatives.
        public var falsePositiveRate: Double? { ratio(falsePositives, negatives) }
        /// 2TP / (2TP + FP + FN), the harmonic mean of precision and recall; nil only when there
        /// is no TP, FP or FN (0, not nil, when nothing was caught: before 2026-12-02 a model that
        /// predicted nothing positive got nil, as if the score did not apply).
        public var f1: Double? { ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives) }
        /// (TP + TN) / all; nil for no data.
        public var accuracy: Double? { ratio(truePositives + trueNegatives, positives + negatives) }

        private func ratio(_ a: Int, _ b: Int) -> Double? { b == 0 ? nil : Double(a) / Double(b) }
    }

    /// The confusion counts of `score >= threshold`.
    public static func confusion(scores: [Double], labels: [Bool], threshold: Double) throws(MetricsError) -> Confusion {
        try check(scores, labels, metric: "confusion", needBothClasses: false)
        var c = Confusion()
        for (s, y) in zip(scores, labels) {
            switch (s >= threshold, y) {
            case (true, true): c.truePositives += 1
            case (true, false): c.falsePositives += 1
            case (false, false): c.trueNegatives += 1
            case (false, true): c.falseNegatives += 1
            }
        }
        return c
    }

    /// Validates inputs: equal lengths, at least one row, finite scores, and both classes when asked.
    static func check(_ scores: [Double], _ labels: [Bool], metric: String, needBothClasses: Bool) throws(MetricsError) {
        guard scores.count == labels.count else {
            throw MetricsError(code: "length_mismatch", message: "\(scores.count) scores for \(labels.count) labels", metric: metric)
        }
        guard !scores.isEmpty else { throw MetricsError(code: "empty", message: "no rows to score", metric: metric) }
        if let bad = scores.firstIndex(where: { !$0.isFinite }) {
            throw MetricsError(code: "bad_score", message: "score at row \(bad) is not a finite number", metric: metric)
        }
        guard needBothClasses else { return }
        let positives = labels.reduce(0) { $0 + ($1 ? 1 : 0) }
        if positives == 0 {
            throw MetricsError(code: "empty_class", message: "no positive rows: \(metric) needs both classes", metric: metric)
        }
        if positives == labels.count {
            throw MetricsError(code: "empty_class", message: "no negative rows: \(metric) needs both classes", metric: metric)
        }
    }
}
