public import ParapetCore

/// Every metric of one set of scored rows at one threshold; metrics that need both classes are
/// nil when a class is absent, with the reason in ``notes``.
///
/// Its JSON has every key always, in snake_case, with `null` for an undefined metric (so a
/// reader never has to tell a missing key from a missing value).
public struct BinaryEvaluation: Sendable, Hashable, Encodable {
    /// Rows scored.
    public var rows: Int
    /// Rows labelled positive.
    public var positives: Int
    /// Rows labelled negative.
    public var negatives: Int
    /// The decision threshold (a score at or above it is a positive prediction).
    public var threshold: Double
    /// The confusion counts at the threshold.
    public var confusion: ClassificationMetrics.Confusion
    /// TP / (TP + FP).
    public var precision: Double?
    /// TP / (TP + FN).
    public var recall: Double?
    /// 2TP / (2TP + FP + FN), the harmonic mean of precision and recall: 0 when nothing was
    /// caught but something was missed or wrongly flagged, nil only without any of TP, FP, FN.
    public var f1: Double?
    /// FP / (FP + TN): on a benign-only set, the share of benign texts wrongly flagged.
    public var falsePositiveRate: Double?
    /// Area under the ROC curve.
    public var auroc: Double?
    /// Average precision.
    public var auprc: Double?
    /// The best TPR with FPR ≤ 1 %.
    public var tprAt1PercentFPR: Double?
    /// The best TPR with FPR ≤ 5 %.
    public var tprAt5PercentFPR: Double?
    /// Expected calibration error over 10 equal-width bins.
    public var expectedCalibrationError: Double?
    /// The reliability table behind the ECE.
    public var reliability: [ClassificationMetrics.ReliabilityBin]
    /// Why a metric is missing.
    public var notes: [String]
    /// The ROC curve (for plots; not part of the JSON report).
    public var roc: [ClassificationMetrics.ROCPoint]

    enum CodingKeys: String, CodingKey {
        case rows, positives, negatives, threshold, confusion, precision, recall, f1
        case falsePositiveRate = "fpr", auroc, auprc
        case tprAt1PercentFPR = "tpr_at_1pct_fpr", tprAt5PercentFPR = "tpr_at_5pct_fpr"
        case expectedCalibrationError = "ece", reliability, notes
    }

    /// The JSON names of ``ClassificationMetrics/ReliabilityBin``'s fields.
    enum BinKeys: String, CodingKey {
        case lower, upper, count, meanScore = "mean_score", positiveRate = "positive_rate"
    }

    /// The JSON names of ``ClassificationMetrics/Confusion``'s counts.
    enum ConfusionKeys: String, CodingKey {
        case truePositives = "true_positives", falsePositives = "false_positives"
        case trueNegatives = "true_negatives", falseNegatives = "false_negatives"
    }

    /// Computes every metric; never throws (a missing class or no rows leaves metrics nil).
    public init(scores: [Double], labels: [Bool], threshold: Double) {
        rows = scores.count
        positives = labels.filter { $0 }.count
        negatives = labels.count - positives
        self.threshold = threshold
        confusion = (try? ClassificationMetrics.confusion(scores: scores, labels: labels, threshold: threshold)) ?? .init()
        precision = confusion.precision
        recall = confusion.recall
        f1 = confusion.f1
        falsePositiveRate = confusion.falsePositiveRate
        notes = []
        reliability = []
        roc = []
        do {
            auroc = try ClassificationMetrics.auroc(scores: scores, labels: labels)
            auprc = try ClassificationMetrics.auprc(scores: scores, labels: labels)
            roc = try ClassificationMetrics.rocCurve(scores: scores, labels: labels)
            tprAt1PercentFPR = try ClassificationMetrics.tpr(atFPR: 0.01, scores: scores, labels: labels)
            tprAt5PercentFPR = try ClassificationMetrics.tpr(atFPR: 0.05, scores: scores, labels: labels)
        } catch {
            notes.append("ranking metrics (AUROC, AUPRC, TPR at FPR) not computed: \(error.message)")
        }
        do {
            let calibration = try ClassificationMetrics.calibration(scores: scores, labels: labels)
            expectedCalibrationError = calibration.expectedCalibrationError
            reliability = calibration.bins
        } catch {
            notes.append("calibration not computed: \(error.message)")
        }
    }

    /// Every key, `null` for an undefined metric; the confusion counts and reliability bins in
    /// snake_case like the rest.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rows, forKey: .rows)
        try container.encode(positives, forKey: .positives)
        try container.encode(negatives, forKey: .negatives)
        try container.encode(threshold, forKey: .threshold)
        var counts = container.nestedContainer(keyedBy: ConfusionKeys.self, forKey: .confusion)
        try counts.encode(confusion.truePositives, forKey: .truePositives)
        try counts.encode(confusion.falsePositives, forKey: .falsePositives)
        try counts.encode(confusion.trueNegatives, forKey: .trueNegatives)
        try counts.encode(confusion.falseNegatives, forKey: .falseNegatives)
        try container.encode(precision, forKey: .precision)
        try container.encode(recall, forKey: .recall)
        try container.encode(f1, forKey: .f1)
        try container.encode(falsePositiveRate, forKey: .falsePositiveRate)
        try container.encode(auroc, forKey: .auroc)
        try container.encode(auprc, forKey: .auprc)
        try container.encode(tprAt1PercentFPR, forKey: .tprAt1PercentFPR)
        try container.encode(tprAt5PercentFPR, forKey: .tprAt5PercentFPR)
        try container.encode(expectedCalibrationError, forKey: .expectedCalibrationError)
        var bins = container.nestedUnkeyedContainer(forKey: .reliability)
        for bin in reliability {
            var b = bins.nestedContainer(keyedBy: BinKeys.self)
            try b.encode(bin.lower, forKey: .lower)
            try b.encode(bin.upper, forKey: .upper)
            try b.encode(bin.count, forKey: .count)
            try b.encode(bin.meanScore, forKey: .meanScore)
            try b.encode(bin.positiveRate, forKey: .positiveRate)
        }
        try container.encode(notes, forKey: .notes)
    }
}
