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
    /// Total matching time allowed for one scan call (`firstMatch`, `matches`, `forEachMatch`,
    /// `hasMatch`) on subjects longer than ``CompiledRegex/budgetedSubjectBytes``; 0 disables it.
    ///
    /// Checked between internal chunks of start positions, so a scan may overshoot by one
    /// chunk (adaptively sized to take about a millisecond). Exceeding it throws
    /// ``RegexError/Code/matchLimit``.
    public var scanTimeMicroseconds: UInt32

    /// Defaults measured so that no pattern spends more than 50 ms on a 1 MB subject
    /// (see docs/regex.md for the figures).
    public static let `default` = MatchLimits(match: 1_000_000, depth: 250_000, heapKiB: 65_536)

    /// Creates limits; `scanTimeMicroseconds` defaults to 40 ms.
    public init(match: UInt32, depth: UInt32, heapKiB: UInt32, scanTimeMicroseconds: UInt32 = 40_000) {
        self.match = match
        self.depth = depth
        self.heapKiB = heapKiB
        self.scanTimeMicroseconds = scanTimeMicroseconds
    }
}
