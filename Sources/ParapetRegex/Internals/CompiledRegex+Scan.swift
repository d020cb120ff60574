/// The scan engine: one search step (with chunking and the time budget) and the all-matches loop.
extension CompiledRegex {
    /// Per-scan state: whether the subject still needs a UTF-8 check, and the time budget.
    struct ScanState {
        /// True for byte subjects until PCRE2 has validated them once (Strings are always valid).
        var checkUTF: Bool
        /// Chunking and the time budget apply to long subjects only.
        let budgeted: Bool
        /// Start positions (bytes) tried per `pcre2_match` call in budgeted mode; adapts to ~1 ms.
        var chunk = 1
        /// When the scan began, and time spent outside matching (a `forEachMatch` body).
        let startedAt: UInt64
        var excludedNanoseconds: UInt64 = 0
        let budgetNanoseconds: UInt64
        /// Offset of the next occurrence of the required byte found so far (`Int.max`: none left).
        var requiredAt = -1
        /// `PCRE2_NO_JIT` for subjects longer than `MatchLimits.jitMaxSubjectBytes`, else 0.
        let jitOption: UInt32
        /// The last byte offset at which a match may start (`Int.max`: anywhere).
        var startLimit = Int.max

        init(subjectLength: Int, limits: MatchLimits, checkUTF: Bool) {
            self.checkUTF = checkUTF
            // The budget grows linearly with the subject (one budget per started MiB): linear work
            // on a large document is legitimate, super-linear work is what the budget stops.
            let mebibytes = UInt64(max(1, (subjectLength + (1 << 20) - 1) >> 20))
            self.budgetNanoseconds = UInt64(limits.scanTimeMicroseconds) * 1_000 * mebibytes
            self.budgeted = limits.scanTimeMicroseconds > 0 && subjectLength > CompiledRegex.budgetedSubjectBytes
            self.startedAt = budgeted ? PCRE2.threadCPUNanoseconds() : 0
            self.jitOption = subjectLength > limits.jitMaxSubjectBytes ? PCRE2.noJIT : 0
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
        if state.budgeted, let (byte, other) = requiredBytes, !requiredBytePresent(subject, from, byte, other, &state) {
            return 0
        }
        let singleStart = isAnchored || options & PCRE2.anchored != 0
        while true {
            if state.budgeted && !singleStart {
                guard let candidate = startFilter.nextCandidate(in: subject, from: from) else { return 0 }
                from = candidate
            }
            if from > state.startLimit { return 0 }
            let chunked = state.budgeted && !singleStart && subject.count - from > state.chunk
            let lastStart = min(chunked ? from + state.chunk : Int.max, singleStart ? Int.max : state.startLimit)
            scratch.setOffsetLimit(lastStart == Int.max ? PCRE2.unset : lastStart)
            let flags = options | state.jitOption | (state.checkUTF ? 0 : PCRE2.noUTFCheck)
            let began = state.budgeted ? PCRE2.threadCPUNanoseconds() : 0
            let rc = PCRE2.match(
                code, subject, start: from, options: flags, matchData: scratch.matchData, context: scratch.context)
            if state.budgeted {
                let now = PCRE2.threadCPUNanoseconds()
                let elapsed = now &- began
                if elapsed < 250_000 {
                    state.chunk = min(state.chunk * 2, 1 << 20)
                } else if elapsed > 1_000_000 {
                    state.chunk = max(state.chunk / 2, 1)
                }
                if now &- state.startedAt &- state.excludedNanoseconds > state.budgetNanoseconds {
                    throw RegexError(
                        code: .matchLimit,
                        message: "scan CPU-time budget of \(state.budgetNanoseconds / 1_000) µs exceeded",
                        offset: from)
                }
            }
            if rc > 0 {
                state.checkUTF = false
                return rc
            }
            if rc == PCRE2.errorNoMatch {
                state.checkUTF = false
                guard chunked, lastStart < state.startLimit else { return 0 }
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

    /// Whether the required byte occurs at or after `from`, memoised across a scan.
    ///
    /// PCRE2 checks this itself, but its JIT skips the check when more than 500,000 bytes remain
    /// (`REQ_CU_MAX * 100`), and then a pattern like `.*.*=.*` on 1 MB without `=` backtracks
    /// quadratically inside one call, where neither the match limit nor our time budget can
    /// stop it. A `memchr` per scan restores the shortcut.
    private func requiredBytePresent(
        _ subject: UnsafeBufferPointer<UInt8>,
        _ from: Int,
        _ byte: UInt8,
        _ other: UInt8,
        _ state: inout ScanState
    ) -> Bool {
        if state.requiredAt == Int.max { return false }
        if state.requiredAt >= from { return true }
        let first = PCRE2.find(byte, in: subject, from: from)
        let second = other == byte ? nil : PCRE2.find(other, in: subject, from: from)
        state.requiredAt = min(first ?? Int.max, second ?? Int.max)
        return state.requiredAt != Int.max
    }

    /// Calls `visit` for every non-overlapping match, left to right, until it returns false.
    /// The time budget runs from the start of the scan; `excludingVisitTime` leaves out the time
    /// spent in `visit` (a caller's `forEachMatch` body).
    ///
    /// Empty matches follow Perl and pcre2demo: after an empty match at `p`, retry at `p` with
    /// `PCRE2_NOTEMPTY_ATSTART | PCRE2_ANCHORED`; if that fails, move on by one whole scalar.
    func scan(
        _ subject: UnsafeBufferPointer<UInt8>,
        checkUTF: Bool,
        excludingVisitTime: Bool = false,
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
                let timeVisit = state.budgeted && excludingVisitTime
                let visitStarted = timeVisit ? PCRE2.threadCPUNanoseconds() : 0
                guard visit(ovector, rc) else { return }
                if timeVisit { state.excludedNanoseconds &+= PCRE2.threadCPUNanoseconds() &- visitStarted }
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
