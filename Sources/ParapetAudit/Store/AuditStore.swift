/// Where events are kept: durable batch appends, paged reads, retention.
///
/// Stores know nothing of chaining or batching; ``AuditWriter`` does both on top of any store.
/// Every store keeps events in append order and gives each a position (rowid, serial, line).
public protocol AuditStore: Sendable {
    /// The URL the store was opened from (for messages).
    var url: String { get }
    /// Appends events durably, all or none: when this returns they survive a crash.
    func append(_ events: [ChainedEvent]) async throws
    /// Up to `limit` stored events matching `filter`, in append order (or newest first when
    /// `descending`), strictly after (or before) position `after`.
    func page(_ filter: AuditFilter, after: Int64?, limit: Int, descending: Bool) async throws -> [StoredEvent]
    /// The event with this id.
    func event(id: String) async throws -> StoredEvent?
    /// Where purged chain prefixes ended, so verification can start after them.
    func anchors() async throws -> [ChainAnchor]
    /// Each chain's last committed event, recorded in the same transaction as the events, or
    /// `nil` when the store keeps no such record (JSONL, memory): there a cut tail can only be
    /// found against heads kept elsewhere (`parapet audit verify --chains`).
    func heads() async throws -> [ChainHead]?
    /// Deletes, per chain, the prefix of events made before `beforeMicros`, recording an anchor.
    func purge(beforeMicros: Int64) async throws -> Int
    /// Releases the store's resources.
    func close() async throws
    /// Problems reading met that are not errors (a JSONL trail's torn last line).
    func readWarnings() async throws -> [AuditError]
}

/// A stored event with its position in the store.
public struct StoredEvent: Sendable, Hashable {
    /// Position in append order (rowid, serial or line number).
    public var position: Int64
    /// The event and its chain link.
    public var chained: ChainedEvent
    /// A column kept beside the body (for filtering) that disagrees with the body, if any.
    public var columnMismatch: String?

    /// Creates a stored event.
    public init(position: Int64, chained: ChainedEvent, columnMismatch: String? = nil) {
        self.position = position
        self.chained = chained
        self.columnMismatch = columnMismatch
    }
}

/// The end of a purged chain prefix: verification of `chain` resumes after `seq`, with `hash`.
public struct ChainAnchor: Sendable, Hashable, Codable {
    /// The chain.
    public var chain: String
    /// The last purged sequence number.
    public var seq: Int64
    /// The last purged event's hash.
    public var hash: String
    /// When the purge ran, in microseconds since the epoch.
    public var purgedAtMicros: Int64
    /// How many events of the chain have been purged in all.
    public var purgedCount: Int64

    /// Creates an anchor.
    public init(chain: String, seq: Int64, hash: String, purgedAtMicros: Int64, purgedCount: Int64) {
        self.chain = chain
        self.seq = seq
        self.hash = hash
        self.purgedAtMicros = purgedAtMicros
        self.purgedCount = purgedCount
    }
}

extension AuditStore {
    /// Problems reading met that are not errors (a JSONL trail's torn last line). Default: none.
    public func readWarnings() async throws -> [AuditError] { [] }

    /// No head records. Default for stores without a separate table.
    public func heads() async throws -> [ChainHead]? { nil }

    /// Visits every stored event matching `filter` in append order, a page at a time.
    public func forEach(
        _ filter: AuditFilter = AuditFilter(), pageSize: Int = 5_000, _ visit: (StoredEvent) throws -> Void
    ) async throws {
        var after: Int64?
        while true {
            let page = try await page(filter, after: after, limit: pageSize, descending: false)
            for stored in page { try visit(stored) }
            guard page.count == pageSize, let last = page.last else { return }
            after = last.position
        }
    }
}
