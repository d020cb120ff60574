/// The scan engine: one search step (windows, chunking and the time budget) and the all-matches loop.
extension CompiledRegex {
    /// Per-scan state: whether the subject still needs a UTF-8 check, and the time budget.
    struct ScanState {
        /// True for byte subjects until PCRE2 has validated them once (Strings are always valid).
        var checkUTF: Bool
        /// Chunking and the time budget apply to long subjects only, and not to a search of one
        /// start position: PCRE2's per-start limits bound that (the JIT within its window).
        let budgeted: Bool
        /// Long subjects with JIT code are searched in JIT windows (see ``windowStep``).
        let windowed: Bool
        /// Start positions (bytes) tried per interpreter call in budgeted mode; adapts to ~1 ms.
        var chunk = 1
        /// The scan's budget clock (see ``ScanBudget``).
        var budget: ScanBudget
        /// Offset of the next occurrence of the required byte found so far (`Int.max`: none left).
        var requiredAt = -1
        /// `PCRE2_NO_JIT` for subjects longer than `MatchLimits.jitMaxSubjectBytes`, else 0.
        let jitOption: UInt32
        /// The last byte offset at which a match may start (`Int.max`: anywhere).
        var startLimit = Int.max

        init(subjectLength: Int, limits: MatchLimits, checkUTF: Bool, jit: Bool, oneStart: Bool = false) {
            self.checkUTF = checkUTF
            self.budgeted = !oneStart && limits.scanTimeMicroseconds > 0 && subjectLength > CompiledRegex.budgetedSubjectBytes
            self.budget = ScanBudget(subjectLength: subjectLength, microsecondsPerMiB: limits.scanTimeMicroseconds, running: budgeted)
            let long = subjectLength > limits.jitMaxSubjectBytes
            self.jitOption = long ? PCRE2.noJIT : 0
            // Windows need a subject PCRE2 need not validate: a window's check would not cover the rest.
            self.windowed = long && jit && !checkUTF && limits.jitMaxSubjectBytes >= CompiledRegex.minimumWindowBytes
        }
    }

    /// What one JIT window call found.
    enum WindowStep {
        /// A match (PCRE2's positive return code; the ovector holds it).
        case found(Int32)
        /// No match can start at or after the search's start.
        case none
        /// No match starts before this offset; search on from here.
        case continueAt(Int)
        /// A match may start here and run past the window: the interpreter must take this start.
        case needsWholeSubject
    }

    /// Windows shorter than this are not worth a call each; below it long subjects use the interpreter.
    static let minimumWindowBytes = 256

    /// Finds the leftmost match starting at or after `start`; on success the scratch's ovector
    /// holds it and the result is PCRE2's positive return code, otherwise 0 for no match.
    ///
    /// Long subjects (over `MatchLimits.jitMaxSubjectBytes`) are searched by the JIT in windows of
    /// at most that many bytes, with hard partial matching (see ``windowStep``); a start whose
    /// match may run past its window is taken by the interpreter, in chunks of start positions
    /// with an offset limit (`pcre2_set_offset_limit_8`), and the time is checked between
    /// calls: PCRE2's own limits reset at every start position, so without this a pattern that
    /// does a little under the limit at each of a million positions could run for minutes.
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
                guard let candidate = startFilter.nextCandidate(in: subject, from: from, through: state.startLimit) else { return 0 }
                from = candidate
            }
            if from > state.startLimit { return 0 }
            // After a partial match at `from`, the interpreter tries that one start on the whole subject.
            var onlyHere = false
            if state.windowed {
                switch try windowStep(subject, from: from, options: options, singleStart: singleStart, scratch: scratch, state: &state) {
                case .found(let rc): return rc
                case .none: return 0
                case .continueAt(let next):
                    from = next
                    continue
                case .needsWholeSubject: onlyHere = !singleStart
                }
            }
            let chunked = onlyHere || (state.budgeted && !singleStart && subject.count - from > state.chunk)
            let chunkEnd = onlyHere ? from : from + state.chunk
            let lastStart = min(chunked ? chunkEnd : Int.max, singleStart ? Int.max : state.startLimit)
            scratch.setOffsetLimit(lastStart == Int.max ? PCRE2.unset : lastStart)
            let flags = options | state.jitOption | (state.checkUTF ? 0 : PCRE2.noUTFCheck)
            let began = state.budgeted ? PCRE2.monotonicNanoseconds() : 0
            let rc = PCRE2.match(
                code, subject, start: from, options: flags, matchData: scratch.matchData, context: scratch.context)
            if state.budgeted {
                let elapsed = PCRE2.monotonicNanoseconds() &- began
                if elapsed < 250_000 {
                    state.chunk = min(state.chunk * 2, 1 << 20)
                } else if elapsed > 1_000_000 {
                    state.chunk = max(state.chunk / 2, 1)
                }
                try state.budget.check(at: from)
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

    /// One JIT call on the subject cut at `from + jitMaxSubjectBytes` (on a scalar boundary),
    /// with `PCRE2_PARTIAL_HARD` unless the cut is the real end.
    ///
    /// Hard partial matching returns "partial" as soon as any attempt needs a byte past the cut
    /// (including `\b`, `$` and lookaheads there). So a complete match, or no match, is exactly
    /// what the whole subject gives for the start positions tried; a partial match at `p` says
    /// every start before `p` fails, and `p` itself may need more text. Lookbehinds see the text
    /// before the window, which stays part of the subject. Every call inspects at most
    /// `jitMaxSubjectBytes` bytes, the bound under which the JIT's worst case is safe
    /// (``MatchLimits/jitMaxSubjectBytes``).
    func windowStep(
        _ subject: UnsafeBufferPointer<UInt8>,
        from: Int,
        options: UInt32,
        singleStart: Bool,
        scratch: MatchScratch,
        state: inout ScanState
    ) throws(RegexError) -> WindowStep {
        var end = min(subject.count, from + limits.jitMaxSubjectBytes)
        while end < subject.count, end > from, subject[end] & 0xC0 == 0x80 { end -= 1 }
        let final = end == subject.count
        let lastStart = singleStart ? Int.max : state.startLimit
        scratch.setOffsetLimit(lastStart == Int.max ? PCRE2.unset : lastStart)
        let flags = options | PCRE2.noUTFCheck | (final ? 0 : PCRE2.partialHard)
        let window = UnsafeBufferPointer(rebasing: subject[..<end])
        let rc = PCRE2.match(code, window, start: from, options: flags, matchData: scratch.matchData, context: scratch.context)
        if state.budgeted { try state.budget.check(at: from) }
        if rc > 0 { return .found(rc) }
        if rc == PCRE2.errorNoMatch { return final || singleStart ? .none : .continueAt(end) }
        if rc == PCRE2.errorPartial {
            // ovector[0] is where the partial match starts (or an earlier byte a lookbehind read).
            let next = max(from, scratch.ovector[0])
            return next > from && !singleStart ? .continueAt(Self.scalarBoundary(in: subject, atOrAfter: next)) : .needsWholeSubject
        }
        if rc == 0 {
            throw RegexError(code: .internal, message: "PCRE2 ovector too small", offset: from)
        }
        throw RegexError(matchResult: rc, offset: from)
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
            var state = ScanState(subjectLength: subject.count, limits: limits, checkUTF: checkUTF, jit: isJITCompiled)
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
                let visitStarted = timeVisit ? PCRE2.monotonicNanoseconds() : 0
                guard visit(ovector, rc) else { return }
                if timeVisit { state.budget.exclude(PCRE2.monotonicNanoseconds() &- visitStarted) }
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
