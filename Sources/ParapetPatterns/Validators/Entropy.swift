import Foundation

/// Shannon entropy of a string's bytes, used to tell random secrets from words and placeholders.
public enum Entropy {
    /// Bits per byte: 0 for one repeated byte, about 4.7…6 for random base62/base64 text.
    ///
    /// Computed as `log2(n) − Σ c·log2(c) / n` over the byte counts `c`, with `c·log2(c)` read from
    /// a table for counts under 256 (secrets are short), so one `log2` is computed per call
    /// instead of one per distinct byte.
    public static func shannon(_ text: some StringProtocol) -> Double {
        text.withUTF8Buffer { shannon(bytes: $0) }
    }

    /// ``shannon(_:)`` of raw bytes.
    static func shannon(bytes text: UnsafeBufferPointer<UInt8>) -> Double {
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 256) { counts in
            counts.initialize(repeating: 0)
            // Which byte values occur, so the sum below visits only those (a 30-byte key has at
            // most 30 of the 256), still in ascending order.
            var present: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
            var total = 0
            for byte in text {
                counts[Int(byte)] += 1
                total += 1
                let bit = UInt64(1) << UInt64(byte & 63)
                switch byte >> 6 {
                case 0: present.0 |= bit
                case 1: present.1 |= bit
                case 2: present.2 |= bit
                default: present.3 |= bit
                }
            }
            guard total > 0 else { return 0 }
            var weighted = 0.0
            func add(_ word: UInt64, base: Int) {
                var bits = word
                while bits != 0 {
                    let count = counts[base + bits.trailingZeroBitCount]
                    bits &= bits - 1
                    guard count > 1 else { continue }
                    weighted += count < countLogCount.count ? countLogCount[count] : Double(count) * log2(Double(count))
                }
            }
            add(present.0, base: 0)
            add(present.1, base: 64)
            add(present.2, base: 128)
            add(present.3, base: 192)
            return max(0, log2(Double(total)) - weighted / Double(total))
        }
    }

    /// `c · log2(c)` for `c` in 0..<256 (0 for 0 and 1).
    static let countLogCount: [Double] = (0..<256).map { $0 < 2 ? 0 : Double($0) * log2(Double($0)) }
}
