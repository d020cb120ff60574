/// Where a pattern whose starts are read off digit runs (``MatchStarts/usesDigitRuns``) can
/// start: the one place of each start shape, or the qualifying runs of a ``MatchStarts/digitRun``
/// pattern. Long texts search only there (``SearchRegions``); so do short ones, whose searches
/// would otherwise try every byte from the first digit.
extension DigitRuns {
    /// The next region at or after `offset` in which a match of `pattern` can start (its bounds
    /// are the first and last possible starts), or nil when none is left.
    ///
    /// - Parameters:
    ///   - pattern: a pattern whose ``MatchStarts/usesDigitRuns`` holds.
    ///   - bytes: the text the runs were found in.
    ///   - offset: no start before this is wanted.
    ///   - cursor: the run index to resume at; starts at 0 for each pattern, only ever grows.
    func nextRegion(
        _ pattern: CompiledPattern, in bytes: UnsafeBufferPointer<UInt8>, from offset: Int, cursor: inout Int
    ) -> ClosedRange<Int>? {
        guard pattern.starts == .digitRun else {
            guard let (index, start) = nextStart(pattern.starts, in: bytes, minRun: pattern.minRun, from: offset, resumingAt: cursor)
            else { return nil }
            cursor = index
            return start...start
        }
        let (digits, dots) = (pattern.minDigits, pattern.minDots)
        guard let (index, run) = first(endingAfter: offset, digits: digits, dots: dots, resumingAt: cursor) else { return nil }
        cursor = index
        // Qualifying runs close together make one region, as for literal windows.
        var last = run.end - 1, next = index + 1
        while let (following, more) = first(endingAfter: last, digits: digits, dots: dots, resumingAt: next),
              more.start <= last + SearchRegions.joinGap {
            last = more.end - 1
            next = following + 1
        }
        return max(offset, run.start)...last
    }
}
