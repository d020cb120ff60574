/// A normalized text with an exact map back to the text it came from.
///
/// Offsets on both sides are UTF-8 byte offsets. The map is made of segments that tile both
/// texts in order: a verbatim segment maps byte for byte, an edited segment maps as a whole
/// (an expansion such as `ﬁ`→`fi`, a contraction such as `e`+`◌́`→`é`, or a removal, which has
/// no normalized bytes at all).
public struct NormalizedText: Sendable, Hashable {
    /// The normalized text, to scan.
    public let text: String
    /// The text as received; every mapped range indexes its UTF-8 bytes.
    public let original: String
    let map: OffsetMap?

    /// Whether normalization changed nothing (`text == original`, offsets map to themselves).
    public var isIdentity: Bool { map == nil }

    init(identity text: String) {
        self.text = text
        self.original = text
        self.map = nil
    }

    init(text: String, original: String, map: OffsetMap) {
        self.text = text
        self.original = original
        self.map = map
    }

    /// The smallest original byte range covering every original scalar that produced the bytes
    /// of `normalizedRange`.
    ///
    /// The input is clamped to the normalized text. A range that starts or ends inside an edited
    /// segment (or inside a multi-byte scalar) widens to the whole segment (or scalar), so the
    /// result never splits a scalar. Removed characters strictly inside the span are included;
    /// those at its edges are not. An empty range maps to an empty range. The map is monotone:
    /// a wider normalized range never maps to a narrower original range.
    public func originalRange(for normalizedRange: Range<Int>) -> Range<Int> {
        let originalCount = original.utf8.count
        guard let map else {
            let a = max(0, min(originalCount, normalizedRange.lowerBound))
            let b = max(a, min(originalCount, normalizedRange.upperBound))
            let lower = roundDown(a)
            return a < b ? lower..<roundUp(b) : lower..<lower
        }
        let normalizedCount = text.utf8.count
        let a = max(0, min(normalizedCount, normalizedRange.lowerBound))
        let b = max(a, min(normalizedCount, normalizedRange.upperBound))
        guard a < b else {
            let point = a == normalizedCount ? originalCount : lowerBound(map, a)
            return point..<point
        }
        return lowerBound(map, a)..<upperBound(map, b, originalCount: originalCount)
    }

    /// Where original byte for normalized byte `a` (< normalized count) starts.
    private func lowerBound(_ map: OffsetMap, _ a: Int) -> Int {
        let k = map.segment(containing: a)
        let start = map.originalStarts[k]
        return map.verbatim[k] ? roundDown(start + (a - map.normalizedStarts[k])) : start
    }

    /// Where the original bytes producing normalized bytes up to `b` (> 0) end.
    private func upperBound(_ map: OffsetMap, _ b: Int, originalCount: Int) -> Int {
        let k = map.segment(containing: b - 1)
        if map.verbatim[k] { return roundUp(map.originalStarts[k] + (b - map.normalizedStarts[k])) }
        return k + 1 < map.originalStarts.count ? map.originalStarts[k + 1] : originalCount
    }

    private func isBoundary(_ offset: Int) -> Bool {
        let utf8 = original.utf8
        guard offset > 0, offset < utf8.count else { return true }
        return utf8[utf8.index(utf8.startIndex, offsetBy: offset)] & 0xC0 != 0x80
    }

    private func roundDown(_ offset: Int) -> Int {
        var o = offset
        while !isBoundary(o) { o -= 1 }
        return o
    }

    private func roundUp(_ offset: Int) -> Int {
        var o = offset
        while !isBoundary(o) { o += 1 }
        return o
    }
}

/// The segments of a normalization map, as parallel arrays sorted by both starts.
struct OffsetMap: Sendable, Hashable {
    var normalizedStarts: [Int] = []
    var originalStarts: [Int] = []
    var verbatim: [Bool] = []
    /// Whether any segment is an edit (otherwise normalization changed nothing).
    private(set) var hasEdits = false

    /// Appends a segment; a verbatim segment extends a verbatim predecessor.
    mutating func append(normalizedStart: Int, originalStart: Int, verbatim isVerbatim: Bool) {
        if isVerbatim, verbatim.last == true { return }
        if !isVerbatim { hasEdits = true }
        normalizedStarts.append(normalizedStart)
        originalStarts.append(originalStart)
        verbatim.append(isVerbatim)
    }

    /// The non-empty segment holding normalized byte `offset`: the last segment starting at or
    /// before it (empty segments share their start with the segment after them).
    func segment(containing offset: Int) -> Int {
        var low = 0
        var high = normalizedStarts.count  // first index with start > offset
        while low < high {
            let mid = (low + high) / 2
            if normalizedStarts[mid] <= offset { low = mid + 1 } else { high = mid }
        }
        return max(0, low - 1)
    }
}
