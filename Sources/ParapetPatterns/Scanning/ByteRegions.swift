import Foundation

/// Where in a short text a pattern whose required literals are single bytes (`@`, `:`) can
/// match: the regions ``SearchRegions`` gives on long texts (from `lookback` before an
/// occurrence, or the run of `lookback_bytes` ending there, to the occurrence; occurrences close
/// together joined), found on demand with `memchr` instead of from occurrence lists, which the
/// profiling pass collects only for long texts.
///
/// Without it a short text's search for such a pattern tries every position from `lookback`
/// before the first occurrence to the last one: an e-mail search started 90 bytes before the
/// `@` and went on through the text between addresses.
struct ByteRegions {
    let bytes: UnsafeBufferPointer<UInt8>
    let pattern: CompiledPattern

    /// The first window of start offsets, inclusive, that holds a possible match start at or
    /// after `offset`; nil when none is left.
    func next(from offset: Int) -> ClosedRange<Int>? {
        guard let lookback = pattern.lookback, let first = firstOccurrence(from: offset) else { return nil }
        var last = first
        while let next = occurrence(from: last + 1), next - lookback <= last + SearchRegions.joinGap { last = next }
        return max(offset, SearchRegions.start(before: first, lookback: lookback, table: pattern.lookbackBytes, in: bytes))...last
    }

    /// The first occurrence at or after `offset`; with `pair_within`, the first that another
    /// follows within that many bytes.
    private func firstOccurrence(from offset: Int) -> Int? {
        var from = offset
        while let first = occurrence(from: from) {
            guard let within = pattern.pairWithin else { return first }
            if let next = occurrence(from: first + 1), next - first <= within { return first }
            from = first + 1
        }
        return nil
    }

    /// The first offset at or after `offset` holding one of the pattern's literal bytes.
    private func occurrence(from offset: Int) -> Int? {
        guard offset < bytes.count, let base = bytes.baseAddress else { return nil }
        var nearest: Int?
        for byte in pattern.literalBytes {
            let end = nearest ?? bytes.count
            guard offset < end, let found = memchr(base + offset, Int32(byte), end - offset) else { continue }
            nearest = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
        }
        return nearest
    }
}
