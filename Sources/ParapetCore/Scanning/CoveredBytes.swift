/// The byte offsets covered by the spans kept so far, one bit each: whether a new span overlaps
/// a kept one is a look at its own bits, and keeping it sets them.
///
/// Overlap resolution keeps findings best first, so kept spans arrive in no particular order; a
/// sorted array of them costs a move of half the array at each insertion, which on a long text
/// with thousands of findings was a tenth of the scan.
struct CoveredBytes {
    private var words: [UInt64]

    /// Room for offsets `0..<end`.
    init(end: Int) {
        words = [UInt64](repeating: 0, count: max(0, end + 63) / 64)
    }

    /// Whether any offset of `range` is covered.
    func overlaps(_ range: Range<Int>) -> Bool {
        var found = false
        forEachWord(of: range) { index, mask in found = found || words[index] & mask != 0 }
        return found
    }

    /// Covers every offset of `range`.
    mutating func cover(_ range: Range<Int>) {
        forEachWord(of: range) { index, mask in words[index] |= mask }
    }

    /// Calls `body` with each word index `range` touches and the mask of its bits there.
    private func forEachWord(of range: Range<Int>, _ body: (Int, UInt64) -> Void) {
        guard !range.isEmpty else { return }
        let first = range.lowerBound / 64, last = (range.upperBound - 1) / 64
        for index in first...last {
            let low = index == first ? range.lowerBound % 64 : 0
            let high = index == last ? (range.upperBound - 1) % 64 : 63
            let mask = (UInt64.max >> (63 - high)) & (UInt64.max << low)
            body(index, mask)
        }
    }
}
