extension ClassificationMetrics {
    /// One bin of a reliability diagram.
    public struct ReliabilityBin: Sendable, Hashable, Codable {
        /// Lower edge (inclusive).
        public var lower: Double
        /// Upper edge (exclusive, inclusive for the last bin).
        public var upper: Double
        /// Rows whose score falls in the bin.
        public var count: Int
        /// Their mean score (nil for an empty bin).
        public var meanScore: Double?
        /// Their fraction of positives (nil for an empty bin).
        public var positiveRate: Double?

        /// Creates a bin.
        public init(lower: Double, upper: Double, count: Int, meanScore: Double?, positiveRate: Double?) {
            self.lower = lower
            self.upper = upper
            self.count = count
            self.meanScore = meanScore
            self.positiveRate = positiveRate
        }
    }

    /// A reliability table and its expected calibration error.
    public struct Calibration: Sendable, Hashable, Codable {
        /// Equal-width bins over 0…1.
        public var bins: [ReliabilityBin]
        /// Σ (nᵦ / N) · |mean score − positive rate| over the bins.
        public var expectedCalibrationError: Double

        /// Creates a calibration summary.
        public init(bins: [ReliabilityBin], expectedCalibrationError: Double) {
            self.bins = bins
            self.expectedCalibrationError = expectedCalibrationError
        }
    }

    /// Bins scores into `bins` equal-width bins over 0…1 (a score of exactly 1 goes to the last)
    /// and computes the expected calibration error.
    /// - Throws: `bad_argument` for fewer than one bin or a score outside 0…1.
    public static func calibration(scores: [Double], labels: [Bool], bins: Int = 10) throws(MetricsError) -> Calibration {
        try check(scores, labels, metric: "calibration", needBothClasses: false)
        guard bins >= 1 else { throw MetricsError(code: "bad_argument", message: "need at least one bin", metric: "calibration") }
        if let bad = scores.firstIndex(where: { $0 < 0 || $0 > 1 }) {
            throw MetricsError(code: "bad_score", message: "score at row \(bad) is outside 0…1", metric: "calibration")
        }
        var count = [Int](repeating: 0, count: bins)
        var sum = [Double](repeating: 0, count: bins)
        var positives = [Int](repeating: 0, count: bins)
        for (s, y) in zip(scores, labels) {
            let b = min(Int(s * Double(bins)), bins - 1)
            count[b] += 1
            sum[b] += s
            if y { positives[b] += 1 }
        }
        var ece = 0.0
        var table: [ReliabilityBin] = []
        for b in 0..<bins {
            let n = count[b]
            let mean = n == 0 ? nil : sum[b] / Double(n)
            let rate = n == 0 ? nil : Double(positives[b]) / Double(n)
            if let mean, let rate { ece += Double(n) / Double(scores.count) * abs(mean - rate) }
            table.append(ReliabilityBin(lower: Double(b) / Double(bins), upper: Double(b + 1) / Double(bins),
                                        count: n, meanScore: mean, positiveRate: rate))
        }
        return Calibration(bins: table, expectedCalibrationError: ece)
    }
}
