/// The CPU-time budget of one scan call on a long subject (`MatchLimits.scanTimeMicroseconds`
/// per started MiB), checked between PCRE2 calls.
///
/// The budget is thread CPU time, so a busy machine does not fail a legitimate scan. Reading
/// that clock is a system call, while the monotonic clock is served by the vDSO; since a thread
/// cannot use more CPU time than wall time passes, wall time rules out an overrun for free. The
/// CPU clock is read only once a scan has run for an eighth of its budget in wall time: the time
/// before that first read is counted as CPU time in full (an upper bound), so on a loaded
/// machine a scan gets at least seven eighths of its budget, and on an idle one all of it.
struct ScanBudget {
    /// The budget in nanoseconds (0 when the subject is not budgeted).
    let nanoseconds: UInt64
    /// Wall-clock start of the scan.
    private let startedAt: UInt64
    /// Wall time spent outside matching (a `forEachMatch` body), not charged.
    private var excluded: UInt64 = 0
    /// Set at the first CPU-clock read: the CPU clock then, and the wall time charged before it.
    private var cpuBase: UInt64?
    private var charged: UInt64 = 0
    private var excludedAtBase: UInt64 = 0

    /// Starts the clock for a subject of `subjectLength` bytes; `running` false makes checks free no-ops.
    init(subjectLength: Int, microsecondsPerMiB: UInt32, running: Bool) {
        let mebibytes = UInt64(max(1, (subjectLength + (1 << 20) - 1) >> 20))
        nanoseconds = running ? UInt64(microsecondsPerMiB) * 1_000 * mebibytes : 0
        startedAt = running ? PCRE2.monotonicNanoseconds() : 0
    }

    /// Leaves `wallNanoseconds` (time spent in a caller's visit) out of the budget.
    mutating func exclude(_ wallNanoseconds: UInt64) {
        excluded &+= wallNanoseconds
    }

    /// Throws ``RegexError/Code/matchLimit`` once the scan's matching CPU time exceeds the budget.
    mutating func check(at offset: Int) throws(RegexError) {
        guard nanoseconds > 0 else { return }
        let wall = PCRE2.monotonicNanoseconds() &- startedAt
        let matchingWall = wall > excluded ? wall - excluded : 0
        guard let base = cpuBase else {
            if matchingWall > nanoseconds / 8 {
                cpuBase = PCRE2.threadCPUNanoseconds()
                charged = matchingWall
                excludedAtBase = excluded
            }
            return
        }
        let excludedSince = excluded - excludedAtBase
        let cpu = PCRE2.threadCPUNanoseconds() &- base
        let used = charged &+ (cpu > excludedSince ? cpu - excludedSince : 0)
        if used > nanoseconds {
            throw RegexError(
                code: .matchLimit, message: "scan CPU-time budget of \(nanoseconds / 1_000) µs exceeded", offset: offset)
        }
    }
}
