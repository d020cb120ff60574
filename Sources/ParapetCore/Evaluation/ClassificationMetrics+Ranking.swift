extension ClassificationMetrics {
    /// One point of a ROC curve: the rates of `score >= threshold`.
    public struct ROCPoint: Sendable, Hashable, Codable {
        /// False-positive rate.
        public var fpr: Double
        /// True-positive rate.
        public var tpr: Double
        /// The score threshold (`+infinity` for the origin).
        public var threshold: Double

        /// Creates a point.
        public init(fpr: Double, tpr: Double, threshold: Double) {
            self.fpr = fpr
            self.tpr = tpr
            self.threshold = threshold
        }
    }

    /// Area under the ROC curve: the probability that a random positive scores above a random
    /// negative, ties counting one half (Mann–Whitney U with mid-ranks).
    /// - Throws: `empty_class` when either class is absent.
    public static func auroc(scores: [Double], labels: [Bool]) throws(MetricsError) -> Double {
        try check(scores, labels, metric: "auroc", needBothClasses: true)
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        var rankSum = 0.0, positives = 0.0
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count, scores[order[j + 1]] == scores[order[i]] { j += 1 }
            let midRank = Double(i + j + 2) / 2  // ranks are 1-based
            for k in i...j where labels[order[k]] {
                rankSum += midRank
                positives += 1
            }
            i = j + 1
        }
        let negatives = Double(scores.count) - positives
        return (rankSum - positives * (positives + 1) / 2) / (positives * negatives)
    }

    /// The ROC curve from (0, 0) to (1, 1), one point per distinct score, descending thresholds.
    /// - Throws: `empty_class` when either class is absent.
    public static func rocCurve(scores: [Double], labels: [Bool]) throws(MetricsError) -> [ROCPoint] {
        try check(scores, labels, metric: "roc", needBothClasses: true)
        let p = Double(labels.filter { $0 }.count), n = Double(labels.count) - p
        var points = [ROCPoint(fpr: 0, tpr: 0, threshold: .infinity)]
        for step in descendingSteps(scores, labels) {
            points.append(ROCPoint(fpr: Double(step.fp) / n, tpr: Double(step.tp) / p, threshold: step.score))
        }
        return points
    }

    /// Average precision (area under the precision–recall curve as a step function):
    /// Σ (Rₖ − Rₖ₋₁) · Pₖ over distinct thresholds, as sklearn's `average_precision_score`.
    /// - Throws: `empty_class` when either class is absent.
    public static func auprc(scores: [Double], labels: [Bool]) throws(MetricsError) -> Double {
        try check(scores, labels, metric: "auprc", needBothClasses: true)
        let p = Double(labels.filter { $0 }.count)
        var area = 0.0, previousRecall = 0.0
        for step in descendingSteps(scores, labels) {
            let recall = Double(step.tp) / p
            let precision = Double(step.tp) / Double(step.tp + step.fp)
            area += (recall - previousRecall) * precision
            previousRecall = recall
        }
        return area
    }

    /// The highest true-positive rate among thresholds whose false-positive rate is at most
    /// `maxFPR` (no interpolation between ROC points).
    /// - Throws: `empty_class` when either class is absent, `bad_argument` for `maxFPR` outside 0…1.
    public static func tpr(atFPR maxFPR: Double, scores: [Double], labels: [Bool]) throws(MetricsError) -> Double {
        guard maxFPR >= 0, maxFPR <= 1 else {
            throw MetricsError(code: "bad_argument", message: "FPR \(maxFPR) is outside 0…1", metric: "tpr_at_fpr")
        }
        return try rocCurve(scores: scores, labels: labels).filter { $0.fpr <= maxFPR + 1e-12 }.map(\.tpr).max() ?? 0
    }

    /// The lowest threshold whose false-positive rate is at most `maxFPR` (the operating point
    /// ``tpr(atFPR:scores:labels:)`` reports); `+infinity` when only the origin qualifies.
    public static func threshold(atFPR maxFPR: Double, scores: [Double], labels: [Bool]) throws(MetricsError) -> Double {
        try rocCurve(scores: scores, labels: labels).filter { $0.fpr <= maxFPR + 1e-12 }.map(\.threshold).min() ?? .infinity
    }

    /// Cumulative (tp, fp) after each distinct score, highest first.
    static func descendingSteps(_ scores: [Double], _ labels: [Bool]) -> [(score: Double, tp: Int, fp: Int)] {
        let order = scores.indices.sorted { scores[$0] > scores[$1] }
        var out: [(score: Double, tp: Int, fp: Int)] = []
        var tp = 0, fp = 0, i = 0
        while i < order.count {
            let s = scores[order[i]]
            while i < order.count, scores[order[i]] == s {
                if labels[order[i]] { tp += 1 } else { fp += 1 }
                i += 1
            }
            out.append((s, tp, fp))
        }
        return out
    }
}
