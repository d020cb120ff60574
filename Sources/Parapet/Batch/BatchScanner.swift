import Dispatch
public import ParapetCore

/// Scans batches of records on several threads, keeping input order.
///
/// The policy is compiled once and shared; each record is evaluated independently. Records are
/// handed out in order and results come back in the same order, so output is deterministic
/// whatever the thread count.
public struct BatchScanner: Sendable {
    /// The guard every record is checked with.
    public let guardrail: Guard
    /// The direction records are scanned in.
    public let direction: Direction
    /// Worker threads (at least 1).
    public let threads: Int

    /// Creates a batch scanner.
    public init(guardrail: Guard, direction: Direction, threads: Int) {
        self.guardrail = guardrail
        self.direction = direction
        self.threads = max(1, threads)
    }

    /// One record's outcome.
    public struct Result: Sendable {
        /// The record scanned.
        public var record: ScanRecord
        /// Its decision.
        public var decision: Decision
        /// Detection time in milliseconds.
        public var elapsedMilliseconds: Double
    }

    /// Scans `records`, in parallel when `threads > 1`, and returns results in input order.
    public func scan(_ records: [ScanRecord]) -> [Result] {
        let box = ResultBox(count: records.count)
        let workers = min(threads, max(1, records.count))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var index = worker
            while index < records.count {
                box.set(index, scanOne(records[index]))
                index += workers
            }
        }
        return box.results()
    }

    /// Scans one record and times it.
    public func scanOne(_ record: ScanRecord) -> Result {
        let clock = ContinuousClock()
        let start = clock.now
        let conversation = "record-\(record.line)-\(record.id)"
        let input = ScanInput(
            text: record.text, direction: direction, conversationID: conversation,
            context: ScanContext(systemPrompt: record.systemPrompt))
        let decision = guardrail.check(input)
        let elapsed = clock.now - start
        // Each record is its own conversation; nothing will restore its pseudonyms later, so
        // drop them at once instead of letting the vault grow with the size of the input.
        guardrail.vault.forget(conversation: conversation)
        let milliseconds = elapsed.microseconds / 1_000
        return Result(record: record, decision: decision, elapsedMilliseconds: milliseconds)
    }
}

/// Fixed-size result slots written by disjoint indices from several threads.
private final class ResultBox: @unchecked Sendable {
    // SAFETY: each index is written by exactly one worker (index ≡ worker mod workers) before
    // `concurrentPerform` returns, and read only after it returns; no slot is shared, and the
    // buffer itself is never reallocated (a raw buffer avoids Array's exclusivity checks).
    private let slots: UnsafeMutableBufferPointer<BatchScanner.Result?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func set(_ index: Int, _ result: BatchScanner.Result) { slots[index] = result }

    func results() -> [BatchScanner.Result] { slots.compactMap { $0 } }
}
