/// Where in a long text each pattern's matches can start, so its regex tries only those places.
///
/// A pattern whose context words are required can only match within its context window after
/// one of them; a pattern with required literals and a `lookback` can only match within
/// `lookback` bytes before one of them. On long texts searching only there turns a
/// whole-document scan per pattern into a few short ones, with the same findings. A
/// ``MatchStarts/digitRun`` pattern can only start inside a digit run that holds enough digits
/// (``DigitRuns``); the other kinds read off digit runs start at one place each (`+` before a
/// run, two capitals before one, …; ``DigitRuns/nextStart(_:in:minRun:from:resumingAt:)``).
/// Other patterns search everywhere. Literal places come from the profiling pass
/// (``LiteralOccurrences``), so no pattern walks the text again to find them.
struct SearchRegions {
    let literals: LiteralTable
    let occurrences: LiteralOccurrences
    /// The text's digit runs, for the ``MatchStarts`` kinds read off them (nil: the scanner has none).
    let digitRuns: DigitRuns?
    /// The text (the start kinds and `lookback_bytes` look at bytes around their places).
    let bytes: UnsafeBufferPointer<UInt8>
    /// Per literal index, where to resume in its occurrence list (valid while offsets only grow).
    private var cursor: [Int]
    /// Where to resume in the digit runs.
    private var runCursor = 0
    /// The last occurrence of the region last joined (see ``next(_:from:)``); -1 before any.
    private var joinedThrough = -1

    init(literals: LiteralTable, occurrences: LiteralOccurrences, digitRuns: DigitRuns?, bytes: UnsafeBufferPointer<UInt8>) {
        self.literals = literals
        self.occurrences = occurrences
        self.digitRuns = digitRuns
        self.bytes = bytes
        cursor = [Int](repeating: 0, count: literals.count)
    }

    /// The first window of start offsets, inclusive, that holds a possible match start at or
    /// after `offset`; nil when none is left. Unrestricted patterns get `offset...Int.max`.
    /// Use one value per pattern scan, with offsets that never decrease.
    mutating func next(_ pattern: CompiledPattern, from offset: Int) -> ClosedRange<Int>? {
        let definition = pattern.definition
        // Only patterns whose context words are required have context literals.
        if !pattern.contextLiteralIndices.isEmpty {
            let window = definition.contextWindow
            // The nearest context word that ends at or after `offset - window`.
            var nearest = Int.max
            for literal in pattern.contextLiteralIndices {
                let length = literals.length(of: literal)
                let start = occurrence(literal, from: offset - window - length)
                if start != Int.max { nearest = min(nearest, start + length) }
            }
            guard nearest != Int.max else { return nil }
            return max(offset, nearest)...(nearest + window)
        }
        if pattern.starts.usesDigitRuns, let digitRuns {
            return digitRuns.nextRegion(pattern, in: bytes, from: offset, cursor: &runCursor)
        }
        if let lookback = pattern.lookback, !pattern.literalIndices.isEmpty {
            let first = firstOccurrence(of: pattern, from: offset)
            guard first != Int.max else { return nil }
            // Occurrences close together make one region (one PCRE2 call, not one per literal):
            // starts between their windows match nothing, so trying them changes no result.
            // The chain from any occurrence inside the last region ends where that region's did,
            // so it is walked once, not again after every match in it (which made a text dense
            // with occurrences, such as 1,800 IPv6 addresses, cost cubic time).
            if first > joinedThrough { joinedThrough = lastJoined(from: first, pattern: pattern, lookback: lookback) }
            return max(offset, Self.start(before: first, lookback: lookback, table: pattern.lookbackBytes, in: bytes))...joinedThrough
        }
        return offset...Int.max
    }

    /// The first occurrence at or after `offset` of one of `pattern`'s literals (`Int.max`: none),
    /// with `pair_within`, the first that another follows within that many bytes.
    private mutating func firstOccurrence(of pattern: CompiledPattern, from offset: Int) -> Int {
        var from = offset
        while true {
            var first = Int.max
            for literal in pattern.literalIndices { first = min(first, occurrence(literal, from: from)) }
            guard first != Int.max, let within = pattern.pairWithin else { return first }
            var next = Int.max
            for literal in pattern.literalIndices { next = min(next, peek(literal, from: first + 1)) }
            if next - first <= within { return first }
            from = first + 1
        }
    }

    /// Where a match that reaches the literal at `literal` may start: `lookback` bytes before it,
    /// or with a `lookback_bytes` table, where the run of those bytes that ends at the literal starts.
    static func start(before literal: Int, lookback: Int, table: [Bool]?, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let table else { return literal - lookback }
        var start = literal
        while start > max(0, literal - lookback), table[Int(bytes[start - 1])] { start -= 1 }
        return start
    }

    /// Regions whose windows are at most this many bytes apart are searched as one.
    static let joinGap = 64

    /// The last occurrence of the chain that starts at the occurrence `first`: each next
    /// occurrence (of any of the pattern's literals) whose window starts within ``joinGap`` of
    /// the previous one joins it. Walks each literal's list once, from its cursor, without moving
    /// the cursors: a match inside a joined region makes the scanner resume before its end.
    private func lastJoined(from first: Int, pattern: CompiledPattern, lookback: Int) -> Int {
        var slots = pattern.literalIndices.map { cursor[$0] }
        var last = first
        while true {
            var next = Int.max
            for (position, literal) in pattern.literalIndices.enumerated() {
                guard let found = occurrences.first(literal, atOrAfter: last + 1, resumingAt: slots[position]) else {
                    slots[position] = Int.max / 2
                    continue
                }
                slots[position] = found.index
                next = min(next, found.start)
            }
            guard next != Int.max, next - lookback <= last + Self.joinGap else { return last }
            last = next
        }
    }

    /// The first occurrence of `literal` at or after `offset` (`Int.max`: none), leaving the
    /// cursor where it is.
    private func peek(_ literal: Int, from offset: Int) -> Int {
        occurrences.first(literal, atOrAfter: offset, resumingAt: cursor[literal])?.start ?? Int.max
    }

    /// The first occurrence of `literal` at or after `offset` (`Int.max`: none).
    private mutating func occurrence(_ literal: Int, from offset: Int) -> Int {
        guard let found = occurrences.first(literal, atOrAfter: offset, resumingAt: cursor[literal]) else {
            cursor[literal] = Int.max / 2
            return Int.max
        }
        cursor[literal] = found.index
        return found.start
    }
}
