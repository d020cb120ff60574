/// The scan engine: one search step (with chunking and the time budget) and the all-matches loop.
extension CompiledRegex {
    /// Per-scan state: whether the subject still needs a UTF-8 check, and the time budget.
    struct ScanState {
        /// True for byte subjects until PCRE2 has validated them once (Strings are always valid).
        var checkUTF: Bool
        /// Chunking and the time budget apply to long subjects only.
        let budgeted: Bool
        /// Start positions (bytes) tried per `pcre2_match` call in budgeted mode; adapts to ~1 ms.
        var chunk = 16
        var spentNanoseconds: UInt64 = 0
        let budgetNanoseconds: UInt64

        init(subjectLength: Int, limits: MatchLimits, checkUTF: Bool) {
            self.checkUTF = checkUTF
            self.budgetNanoseconds = UInt64(limits.scanTimeMicroseconds) * 1_000
            self.budgeted = limits.scanTimeMicroseconds > 0 && subjectLength > CompiledRegex.budgetedSubjectBytes
        }
    }

    /// Finds the leftmost match starting at or after `start`; on success the scratch's ovector
    /// holds it and the result is PCRE2's positive return code, otherwise 0 for no match.
    ///
    /// On long subjects, the search is split into chunks of start positions with an offset limit
    /// (`pcre2_set_offset_limit_8`), and the time is checked between chunks: PCRE2's own limits
    /// reset at every start position, so without this a pattern that does a little under the
    /// limit at each of a million positions could run for minutes.
    func search(
        _ subject: UnsafeBufferPointer<UInt8>,
        from start: Int,
        options: UInt32,
        scratch: MatchScratch,
        state: inout ScanState
    ) throws(RegexError) -> Int32 {
        var from = start
        let singleStart = isAnchored || options & PCRE2.anchored != 0
        while true {
            let chunked = state.budgeted && !singleStart && subject.count - from > state.chunk
            let lastStart = chunked ? from + state.chunk : PCRE2.unset
            scratch.setOffsetLimit(lastStart)
            let flags = options | (state.checkUTF ? 0 : PCRE2.noUTFCheck)
            let began = state.budgeted ? PCRE2.monotonicNanoseconds() : 0
            let rc = PCRE2.match(
                code, subject, start: from, options: flags, matchData: scratch.matchData, context: scratch.context)
            if state.budgeted {
                let elapsed = PCRE2.monotonicNanoseconds() &- began
                state.spentNanoseconds &+= elapsed
                if elapsed < 250_000 {
                    state.chunk = min(state.chunk * 2, 1 << 20)
                } else if elapsed > 1_000_000 {
                    state.chunk = max(state.chunk / 2, 1)
                }
                if state.spentNanoseconds > state.budgetNanoseconds {
                    throw RegexError(
                        code: .matchLimit,
                        message: "scan time budget of \(state.budgetNanoseconds / 1_000) µs exceeded",
                        offset: from)
                }
            }
            if rc > 0 {
                state.checkUTF = false
                return rc
            }
            if rc == PCRE2.errorNoMatch {
                state.checkUTF = false
                guard chunked else { return 0 }
                from = Self.scalarBoundary(in: subject, atOrAfter: lastStart + 1)
                continue
            }
            if rc == 0 {
                throw RegexError(code: .internal, message: "PCRE2 ovector too small", offset: from)
            }
            let offset = PCRE2.utf8ErrorRange.contains(rc) ? PCRE2.startChar(scratch.matchData) : from
            throw RegexError(matchResult: rc, offset: offset)
        }
    }

    /// Calls `visit` for every non-overlapping match, left to right, until it returns false.
    ///
    /// Empty matches follow Perl and pcre2demo: after an empty match at `p`, retry at `p` with
    /// `PCRE2_NOTEMPTY_ATSTART | PCRE2_ANCHORED`; if that fails, move on by one whole scalar.
    func scan(
        _ subject: UnsafeBufferPointer<UInt8>,
        checkUTF: Bool,
        _ visit: (_ ovector: UnsafeMutablePointer<Int>, _ pairs: Int32) -> Bool
    ) throws(RegexError) {
        try MatchScratch.with(pairs: captureCount + 1, limits: limits) { (scratch) throws(RegexError) in
            var state = ScanState(subjectLength: subject.count, limits: limits, checkUTF: checkUTF)
            var start = 0
            var retryNonEmpty = false
            while start <= subject.count {
                let options = retryNonEmpty ? PCRE2.notEmptyAtStart | PCRE2.anchored : 0
                let rc = try search(subject, from: start, options: options, scratch: scratch, state: &state)
                if rc == 0 {
                    guard retryNonEmpty, start < subject.count else { return }
                    retryNonEmpty = false
                    start = Self.scalarBoundary(in: subject, atOrAfter: start + 1)
                    continue
                }
                let ovector = scratch.ovector
                guard visit(ovector, rc) else { return }
                retryNonEmpty = ovector[0] == ovector[1]
                start = ovector[1]
            }
        }
    }

    /// Builds a ``RegexMatch`` from an ovector with `pairs` set pairs.
    func makeMatch(_ ovector: UnsafeMutablePointer<Int>, pairs: Int32) -> RegexMatch {
        var groups: [Range<Int>?] = []
        groups.reserveCapacity(captureCount + 1)
        for i in 0...captureCount {
            let lower = ovector[2 * i]
            let upper = ovector[2 * i + 1]
            // \K can in principle put the start after the end; PCRE2 10.38+ forbids it in
            // lookarounds by default, but never build an invalid Range.
            groups.append(i < pairs && lower != PCRE2.unset && lower <= upper ? lower..<upper : nil)
        }
        let whole = groups[0] ?? ovector[1]..<ovector[1]
        return RegexMatch(range: whole, groups: groups)
    }

    /// The first UTF-8 scalar boundary at or after `offset` (or the end of the subject).
    static func scalarBoundary(in subject: UnsafeBufferPointer<UInt8>, atOrAfter offset: Int) -> Int {
        var index = offset
        while index < subject.count, subject[index] & 0xC0 == 0x80 { index += 1 }
        return min(index, subject.count)
    }
}
