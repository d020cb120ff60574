import Foundation

/// Shannon entropy of a string's bytes, used to tell random secrets from words and placeholders.
public enum Entropy {
    /// Bits per byte: 0 for one repeated byte, about 4.7…6 for random base62/base64 text.
    public static func shannon(_ text: some StringProtocol) -> Double {
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 256) { counts in
            counts.initialize(repeating: 0)
            var total = 0
            for byte in text.utf8 {
                counts[Int(byte)] += 1
                total += 1
            }
            guard total > 0 else { return 0 }
            var entropy = 0.0
            let length = Double(total)
            for count in counts where count > 0 {
                let probability = Double(count) / length
                entropy -= probability * log2(probability)
            }
            return entropy
        }
    }
}
