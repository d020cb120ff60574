/// Resource limits applied to every match, so that hostile patterns or subjects fail fast
/// with a ``RegexError`` instead of running for seconds.
///
/// `match`, `depth` and `heapKiB` are PCRE2's own limits and apply to each `pcre2_match` call
/// (PCRE2 resets its counters at every start position it tries). `scanTimeMicroseconds` is
/// Parapet's budget for a whole scan call on long subjects; see docs/regex.md.
public struct MatchLimits: Sendable, Hashable {
    /// Backtracking steps allowed per start position (`pcre2_set_match_limit_8`); JIT honours it too.
    public var match: UInt32
    /// Nesting depth of backtracking points (`pcre2_set_depth_limit_8`); interpreter only.
    ///
    /// Under JIT the equivalent bound is the per-thread JIT stack (8 MiB); exhausting it is
    /// reported with the same ``RegexError/Code/depthLimit`` code.
    public var depth: UInt32
    /// Heap the interpreter may use for backtracking frames, in KiB (`pcre2_set_heap_limit_8`).
    public var heapKiB: UInt32
    /// Matching CPU time allowed for one scan call (`firstMatch`, `matches`, `forEachMatch`,
    /// `hasMatch`) per started MiB of subject, on subjects longer than
    /// ``CompiledRegex/budgetedSubjectBytes``; 0 disables it.
    ///
    /// It is the calling thread's CPU time (`CLOCK_THREAD_CPUTIME_ID`), not wall-clock time, so a
    /// busy machine does not turn a legitimate scan into an error; and it scales with the
    /// subject (a 3 MiB document gets three budgets), because linear work on a large document is
    /// legitimate while super-linear work is what the budget exists to stop.
    ///
    /// Checked between internal chunks of start positions, so a scan may overshoot by one
    /// chunk (adaptively sized to take about a millisecond). Exceeding it throws
    /// ``RegexError/Code/matchLimit``.
    public var scanTimeMicroseconds: UInt32

    /// Subjects longer than this many bytes are matched by PCRE2's interpreter even when JIT
    /// code exists (`PCRE2_NO_JIT`).
    ///
    /// Why: the JIT counts the match limit per bracket or iteration, not per character when a
    /// single-character repeat backtracks, so a pattern with adjacent unbounded repeats such as
    /// `.*.*=x` does quadratic work inside *one* start position that no limit stops (measured:
    /// 10 s on a 64 KiB line). The interpreter counts every backtrack, so its limits bound the
    /// work (1.8 ms on the same input). JIT stays on for short texts, where the worst case is
    /// milliseconds. Raise this only for trusted patterns.
    public var jitMaxSubjectBytes: Int

    /// Match 100,000, depth 100,000, heap 8 MiB, scan budget 40 ms CPU per MiB, JIT up to 4 KiB subjects:
    /// chosen by measuring adversarial patterns on 1 MiB subjects (figures in docs/regex.md).
    public static let `default` = MatchLimits(match: 100_000, depth: 100_000, heapKiB: 8_192)

    /// Creates limits; `scanTimeMicroseconds` defaults to 40 ms of CPU time per MiB and `jitMaxSubjectBytes` to 4 KiB.
    public init(
        match: UInt32,
        depth: UInt32,
        heapKiB: UInt32,
        scanTimeMicroseconds: UInt32 = 40_000,
        jitMaxSubjectBytes: Int = 4096
    ) {
        self.match = match
        self.depth = depth
        self.heapKiB = heapKiB
        self.scanTimeMicroseconds = scanTimeMicroseconds
        self.jitMaxSubjectBytes = jitMaxSubjectBytes
    }
}
