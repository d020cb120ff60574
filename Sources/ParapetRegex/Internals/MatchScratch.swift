/// Per-thread scratch for matching: a match context with a JIT stack, and match data.
///
/// Why per thread: PCRE2 lets a match context be shared read-only, but "a JIT stack must not be
/// used by more than one thread at once" (pcre2jit), and match data holds the ovector and the
/// interpreter's heap frames, so it is written by every match. Creating them per call would cost
/// several mallocs plus an mmap for the JIT stack, far too much for a ~100 ns match on a short
/// text; relying on PCRE2's default 32 KiB machine-stack area for JIT makes ordinary patterns
/// such as `(?:a|b)*` on a few KB fail. So each thread keeps one scratch in a pthread slot
/// (released by the slot's destructor when the thread exits).
/// The scratch stays in its slot and is marked busy while in use (no retain/release or
/// `pthread_setspecific` on the hot path); a nested call on the same thread sees it busy and
/// uses a temporary scratch instead.
/// Matching never suspends, so a task cannot hop threads while it holds a scratch.
final class MatchScratch {
    /// Initial and maximum JIT stack; the maximum is reserved as virtual memory, committed lazily.
    static let jitStackStartBytes = 32 * 1024
    static let jitStackMaxBytes = 8 * 1024 * 1024

    let context: OpaquePointer
    private let jitStack: OpaquePointer?
    private(set) var matchData: OpaquePointer
    private(set) var ovector: UnsafeMutablePointer<Int>
    private var pairCapacity: Int
    private var configuredLimits: MatchLimits?
    private var configuredOffsetLimit = PCRE2.unset
    private var busy = false

    private init?(pairs: Int) {
        guard let context = PCRE2.createMatchContext() else { return nil }
        guard let matchData = PCRE2.createMatchData(pairs: pairs) else {
            PCRE2.free(matchContext: context)
            return nil
        }
        self.context = context
        self.jitStack = PCRE2.createJITStack(
            assigningTo: context, startBytes: Self.jitStackStartBytes, maxBytes: Self.jitStackMaxBytes)
        self.matchData = matchData
        self.ovector = PCRE2.ovector(matchData)
        self.pairCapacity = pairs
    }

    deinit {
        PCRE2.free(matchData: matchData)
        if let jitStack { PCRE2.free(jitStack: jitStack) }
        PCRE2.free(matchContext: context)
    }

    /// Prepares for a pattern with `pairs` ovector pairs and the given limits.
    private func prepare(pairs: Int, limits: MatchLimits) -> Bool {
        if pairs > pairCapacity {
            guard let bigger = PCRE2.createMatchData(pairs: max(pairs, pairCapacity * 2)) else { return false }
            PCRE2.free(matchData: matchData)
            matchData = bigger
            ovector = PCRE2.ovector(bigger)
            pairCapacity = max(pairs, pairCapacity * 2)
        }
        if configuredLimits != limits {
            PCRE2.setLimits(context, match: limits.match, depth: limits.depth, heapKiB: limits.heapKiB)
            configuredLimits = limits
        }
        return true
    }

    /// Sets (or with `PCRE2.unset`, clears) the offset limit, calling PCRE2 only on change.
    @inline(__always)
    func setOffsetLimit(_ offset: Int) {
        if offset != configuredOffsetLimit {
            PCRE2.setOffsetLimit(context, offset)
            configuredOffsetLimit = offset
        }
    }

    // Swift globals are initialised once, thread-safely, on first use.
    private static let key = PCRE2.createThreadKey()

    /// Runs `body` with this thread's scratch, prepared for `pairs` pairs and `limits`.
    static func with<R>(
        pairs: Int,
        limits: MatchLimits,
        _ body: (MatchScratch) throws(RegexError) -> R
    ) throws(RegexError) -> R {
        if let raw = PCRE2.threadValue(key) {
            // The slot owns a +1 reference for the thread's lifetime.
            let scratch = Unmanaged<MatchScratch>.fromOpaque(raw).takeUnretainedValue()
            if scratch.busy { return try withTemporary(pairs: pairs, limits: limits, body) }
            scratch.busy = true
            defer { scratch.busy = false }
            return try scratch.run(pairs: pairs, limits: limits, body)
        }
        guard let fresh = MatchScratch(pairs: max(pairs, 16)) else { throw allocationFailure }
        PCRE2.setThreadValue(key, Unmanaged.passRetained(fresh).toOpaque())
        fresh.busy = true
        defer { fresh.busy = false }
        return try fresh.run(pairs: pairs, limits: limits, body)
    }

    /// A one-off scratch for a nested call on a thread whose scratch is busy.
    private static func withTemporary<R>(
        pairs: Int,
        limits: MatchLimits,
        _ body: (MatchScratch) throws(RegexError) -> R
    ) throws(RegexError) -> R {
        guard let temporary = MatchScratch(pairs: max(pairs, 16)) else { throw allocationFailure }
        return try temporary.run(pairs: pairs, limits: limits, body)
    }

    private func run<R>(
        pairs: Int,
        limits: MatchLimits,
        _ body: (MatchScratch) throws(RegexError) -> R
    ) throws(RegexError) -> R {
        guard prepare(pairs: pairs, limits: limits) else { throw Self.allocationFailure }
        return try body(self)
    }

    private static var allocationFailure: RegexError {
        RegexError(code: .internal, message: "could not allocate PCRE2 match data")
    }
}
