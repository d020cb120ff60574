import Testing
import ParapetCore

/// Metric math against values worked out by hand (the comments show the working).
@Suite("Classification metrics")
struct ClassificationMetricsTests {
    // Scores high → low: 0.9 P, 0.8 N, 0.7 P, 0.6 P, 0.5 N, 0.4 N.
    let scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4]
    let labels = [true, false, true, true, false, false]

    @Test("confusion, precision, recall, F1 and FPR at a threshold (score ≥ t counts)")
    func confusion() throws {
        let c = try ClassificationMetrics.confusion(scores: scores, labels: labels, threshold: 0.6)
        #expect(c == .init(truePositives: 3, falsePositives: 1, trueNegatives: 2, falseNegatives: 0))
        #expect(c.precision == 0.75)
        #expect(c.recall == 1)
        #expect(abs((c.f1 ?? 0) - 2 * 0.75 / 1.75) < 1e-12)
        #expect(c.falsePositiveRate == 1.0 / 3)
        let higher = try ClassificationMetrics.confusion(scores: scores, labels: labels, threshold: 0.65)
        #expect(higher == .init(truePositives: 2, falsePositives: 1, trueNegatives: 2, falseNegatives: 1))
    }

    @Test("undefined ratios are nil, not zero")
    func undefinedRatios() throws {
        let c = try ClassificationMetrics.confusion(scores: [0.1, 0.2], labels: [false, false], threshold: 0.5)
        #expect(c.precision == nil)
        #expect(c.recall == nil)
        #expect(c.f1 == nil)  // no TP, FP or FN
        #expect(c.falsePositiveRate == 0)
        // Nothing caught: precision undefined, but F1 = 2TP / (2TP + FP + FN) = 0.
        let missed = try ClassificationMetrics.confusion(scores: [0.1, 0.2], labels: [true, false], threshold: 0.5)
        #expect(missed.precision == nil)
        #expect(missed.f1 == 0)
    }

    @Test("AUROC: 7 of 9 positive–negative pairs ordered correctly")
    func auroc() throws {
        // 0.9 beats all 3 negatives, 0.7 and 0.6 beat 0.5 and 0.4: 3 + 2 + 2 = 7.
        #expect(abs(try ClassificationMetrics.auroc(scores: scores, labels: labels) - 7.0 / 9) < 1e-12)
    }

    @Test("AUROC counts a tied positive–negative pair as one half", arguments: [
        ([0.5, 0.5, 0.5, 0.5], [true, false, true, false], 0.5),
        // 0.8 beats both negatives (2), the tied 0.5 pair counts 0.5, 0.5 beats 0.2 (1): 3.5 / 4.
        ([0.8, 0.5, 0.5, 0.2], [true, true, false, false], 0.875),
        ([0.2, 0.8], [true, false], 0.0),
    ])
    func aurocTies(_ s: [Double], _ y: [Bool], _ want: Double) throws {
        #expect(abs(try ClassificationMetrics.auroc(scores: s, labels: y) - want) < 1e-12)
    }

    @Test("average precision steps once per distinct score")
    func auprc() throws {
        // 0.9: R 1/3 P 1; 0.7: R 2/3 P 2/3; 0.6: R 1 P 3/4 → 1/3 + 2/9 + 1/4 = 29/36.
        #expect(abs(try ClassificationMetrics.auprc(scores: scores, labels: labels) - 29.0 / 36) < 1e-12)
        // Ties: 0.8 → R 1/2 P 1; {0.5, 0.5} together → R 1 P 2/3: 1/2 + 1/3.
        #expect(abs(try ClassificationMetrics.auprc(scores: [0.8, 0.5, 0.5, 0.2], labels: [true, true, false, false]) - 5.0 / 6) < 1e-12)
        #expect(abs(try ClassificationMetrics.auprc(scores: [0.5, 0.5, 0.5, 0.5], labels: [true, false, true, false]) - 0.5) < 1e-12)
    }

    @Test("ROC curve and TPR at a fixed FPR")
    func roc() throws {
        let curve = try ClassificationMetrics.rocCurve(scores: scores, labels: labels)
        let points = curve.map { [$0.fpr * 3, $0.tpr * 3] }  // in thirds
        #expect(points == [[0, 0], [0, 1], [1, 1], [1, 2], [1, 3], [2, 3], [3, 3]])
        #expect(curve.first?.threshold == .infinity)
        #expect(try ClassificationMetrics.tpr(atFPR: 0.01, scores: scores, labels: labels) == 1.0 / 3)
        #expect(try ClassificationMetrics.tpr(atFPR: 0.34, scores: scores, labels: labels) == 1)
        #expect(try ClassificationMetrics.threshold(atFPR: 0.34, scores: scores, labels: labels) == 0.6)
        #expect(try ClassificationMetrics.tpr(atFPR: 0, scores: [0.5, 0.5], labels: [true, false]) == 0)
    }

    @Test("reliability table and expected calibration error")
    func calibration() throws {
        // bin 0: 0.05 (N) → |0.05 − 0| · 1/4; bin 1: 0.15 P, 0.15 N → |0.15 − 0.5| · 2/4;
        // bin 9: 1.0 P (a score of 1 lands in the last bin) → |1 − 1| · 1/4. ECE = 0.0125 + 0.175.
        let c = try ClassificationMetrics.calibration(scores: [0.05, 0.15, 0.15, 1.0], labels: [false, true, false, true])
        #expect(c.bins.count == 10)
        #expect(c.bins.map(\.count) == [1, 1 + 1, 0, 0, 0, 0, 0, 0, 0, 1])
        #expect(c.bins[1].positiveRate == 0.5)
        #expect(c.bins[2].meanScore == nil)
        #expect(abs(c.expectedCalibrationError - 0.1875) < 1e-12)
    }

    @Test("an absent class is a clear error, not a number", arguments: [[true, true], [false, false]])
    func emptyClass(_ y: [Bool]) {
        #expect(throws: MetricsError.self) { try ClassificationMetrics.auroc(scores: [0.1, 0.9], labels: y) }
        do {
            _ = try ClassificationMetrics.auprc(scores: [0.1, 0.9], labels: y)
            Issue.record("auprc accepted a single class")
        } catch {
            #expect(error.code == "empty_class")
            #expect(error.metric == "auprc")
            #expect(error.message.contains("needs both classes"))
        }
    }

    @Test("bad inputs: mismatched lengths, no rows, NaN scores")
    func badInputs() {
        #expect(throws: MetricsError(code: "length_mismatch", message: "1 scores for 2 labels", metric: "auroc")) {
            try ClassificationMetrics.auroc(scores: [0.1], labels: [true, false])
        }
        #expect(throws: MetricsError.self) { try ClassificationMetrics.confusion(scores: [], labels: [], threshold: 0.5) }
        #expect(throws: MetricsError.self) { try ClassificationMetrics.auroc(scores: [.nan, 0.2], labels: [true, false]) }
    }
}
