import Foundation

/// Shannon entropy of a string's bytes, used to tell random secrets from words and placeholders.
public enum Entropy {
    /// Bits per byte: 0 for one repeated byte, about 4.7…6 for random base62/base64 text.
    ///
    /// Computed as `log2(n) − Σ c·log2(c) / n` over the byte counts `c`, with `c·log2(c)` read from
    /// a table for counts under 256 (secrets are short), so one `log2` is computed per call
    /// instead of one per distinct byte.
    public static func shannon(_ text: some StringProtocol) -> Double {
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 256) { counts in
            counts.initialize(repeating: 0)
            var total = 0
            for byte in text.utf8 {
                counts[Int(byte)] += 1
                total += 1
            }
            guard total > 0 else { return 0 }
            var weighted = 0.0
            for count in counts where count > 1 {
                weighted += count < countLogCount.count ? countLogCount[count] : Double(count) * log2(Double(count))
            }
            return max(0, log2(Double(total)) - weighted / Double(total))
        }
    }

    /// `c · log2(c)` for `c` in 0..<256 (0 for 0 and 1).
    static let countLogCount: [Double] = (0..<256).map { $0 < 2 ? 0 : Double($0) * log2(Double($0)) }
}
