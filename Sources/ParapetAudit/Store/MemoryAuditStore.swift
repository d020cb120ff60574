import Foundation

/// An in-memory store for tests and for callers that read events back in-process.
public final class MemoryAuditStore: AuditStore, @unchecked Sendable {
    // SAFETY: all mutable state (`stored`, `anchorList`, `failNext`) is read and written only
    // while holding `lock`.
    private let lock = NSLock()
    private var stored: [StoredEvent] = []
    private var anchorList: [String: ChainAnchor] = [:]
    private var failures = 0

    /// The store's URL.
    public let url = "memory:"

    /// Creates an empty store.
    public init() {}

    /// Every event appended so far, in order.
    public var events: [ChainedEvent] { lock.withLock { stored.map(\.chained) } }

    /// Makes the next `count` appends fail (to test failure handling).
    public func failNextAppends(_ count: Int) { lock.withLock { failures = count } }

    /// Replaces the stored event at `index` (to test tamper detection).
    public func tamper(at index: Int, _ change: (inout ChainedEvent) -> Void) {
        lock.withLock { change(&stored[index].chained) }
    }

    /// Removes the stored event at `index` (to test tamper detection).
    public func remove(at index: Int) { _ = lock.withLock { stored.remove(at: index) } }

    /// Appends events, or fails if told to.
    public func append(_ events: [ChainedEvent]) async throws {
        try lock.withLock {
            if failures > 0 {
                failures -= 1
                throw AuditError(code: "io_error", message: "injected failure", location: url)
            }
            let start = (stored.last?.position ?? 0) + 1
            stored += events.enumerated().map { StoredEvent(position: start + Int64($0.offset), chained: $0.element) }
        }
    }

    /// A page of matching events.
    public func page(_ filter: AuditFilter, after: Int64?, limit: Int, descending: Bool) async throws -> [StoredEvent] {
        lock.withLock {
            let ordered = descending ? Array(stored.reversed()) : stored
            return Array(
                ordered.lazy.filter { stored in
                    guard let after else { return true }
                    return descending ? stored.position < after : stored.position > after
                }
                .filter { filter.matches($0.chained.event) }.prefix(limit))
        }
    }

    /// The event with this id.
    public func event(id: String) async throws -> StoredEvent? {
        lock.withLock { stored.first { $0.chained.event.id == id } }
    }

    /// The anchors left by purges.
    public func anchors() async throws -> [ChainAnchor] { lock.withLock { Array(anchorList.values) } }

    /// Purges chain prefixes made before the time.
    public func purge(beforeMicros: Int64) async throws -> Int {
        lock.withLock {
            var cut: [String: Int64] = [:]
            for item in stored where item.chained.event.timeMicros < beforeMicros {
                cut[item.chained.chain] = max(cut[item.chained.chain] ?? 0, item.chained.seq)
            }
            let now = AuditClock.nowMicros()
            var removed = 0
            for (chain, seq) in cut {
                let doomed = stored.filter { $0.chained.chain == chain && $0.chained.seq <= seq }
                guard let last = doomed.max(by: { $0.chained.seq < $1.chained.seq }) else { continue }
                let previous = anchorList[chain]?.purgedCount ?? 0
                anchorList[chain] = ChainAnchor(
                    chain: chain, seq: last.chained.seq, hash: last.chained.hash, purgedAtMicros: now,
                    purgedCount: previous + Int64(doomed.count))
                stored.removeAll { $0.chained.chain == chain && $0.chained.seq <= seq }
                removed += doomed.count
            }
            return removed
        }
    }

    /// Nothing to release.
    public func close() async throws {}
}
