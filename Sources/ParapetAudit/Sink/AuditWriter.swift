import Foundation
public import Logging

/// The standard sink: links events into this instance's hash chain and commits them to a store
/// in batches (group commit), resuming each caller once its batch is durable.
///
/// While one batch commits, new events queue up and form the next batch, so under load one
/// transaction (one fsync) serves many requests, and an idle writer commits a lone event at
/// once, with no timer. Encoding and hashing of an event's body happen in the caller's task;
/// the writer only links (one small SHA-256) and hands batches to the store.
public actor AuditWriter: AuditSink {
    /// The store events go to.
    public nonisolated let store: any AuditStore
    /// This writer's chain id (a new UUID per instance).
    public nonisolated let chain: String
    /// What happens when a batch cannot be written.
    public nonisolated let failureMode: AuditFailureMode
    /// Most events per transaction.
    public nonisolated let maxBatch: Int

    private var pending: [(event: SealedEvent, waiter: CheckedContinuation<Void, any Error>)] = []
    private var draining = false
    private var closed = false
    private var nextSeq: Int64 = 1
    private var lastHash = ChainedEvent.genesis
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []
    /// Batches committed so far (each one transaction).
    public private(set) var batchesCommitted = 0
    /// Events committed so far.
    public private(set) var eventsCommitted = 0
    private let logger: Logger

    /// Logs to standard error (never standard output, which the CLI uses for results).
    public static let defaultLogger = Logger(label: "parapet.audit", factory: { StreamLogHandler.standardError(label: $0) })

    /// Creates a writer over a store, starting a new chain.
    public init(
        store: any AuditStore, failureMode: AuditFailureMode = .fail, maxBatch: Int = 2_048,
        logger: Logger = AuditWriter.defaultLogger
    ) {
        self.store = store
        self.chain = UUID().uuidString.lowercased()
        self.failureMode = failureMode
        self.maxBatch = max(1, maxBatch)
        self.logger = logger
    }

    /// Records an event; returns once its batch is committed.
    public nonisolated func record(_ event: DecisionEvent) async throws {
        let sealed = SealedEvent(event)
        try await enqueue(sealed)
    }

    /// Returns once everything recorded before is durable.
    public func flush() async throws {
        while draining || !pending.isEmpty {
            await withCheckedContinuation { idleWaiters.append($0) }
        }
    }

    /// Flushes and closes the store.
    public func close() async throws {
        guard !closed else { return }
        closed = true
        try await flush()
        try await store.close()
    }

    /// The chain position the next event will get (for tests and reports).
    public var nextSequence: Int64 { nextSeq }

    private func enqueue(_ sealed: SealedEvent) async throws {
        guard !closed else {
            throw AuditError(code: "closed", message: "the audit sink is closed", location: store.url)
        }
        try await withCheckedThrowingContinuation { (waiter: CheckedContinuation<Void, any Error>) in
            pending.append((sealed, waiter))
            if !draining {
                draining = true
                Task { await self.drain() }
            }
        }
    }

    /// Commits queued events batch by batch until the queue is empty.
    private func drain() async {
        while !pending.isEmpty {
            let count = min(maxBatch, pending.count)
            let batch = Array(pending.prefix(count))
            pending.removeFirst(count)
            var seq = nextSeq
            var prev = lastHash
            let linked = batch.map { item -> ChainedEvent in
                let event = ChainedEvent(sealed: item.event, chain: chain, seq: seq, prev: prev)
                seq += 1
                prev = event.hash
                return event
            }
            do {
                try await store.append(linked)
                nextSeq = seq
                lastHash = prev
                batchesCommitted += 1
                eventsCommitted += batch.count
                for item in batch { item.waiter.resume() }
            } catch {
                // The chain does not advance past a batch that was not written, so it stays whole.
                switch failureMode {
                case .fail:
                    for item in batch { item.waiter.resume(throwing: error) }
                case .continue:
                    logger.error("audit batch lost", metadata: ["events": "\(batch.count)", "error": "\(error)"])
                    for item in batch { item.waiter.resume() }
                }
            }
        }
        draining = false
        let waiters = idleWaiters
        idleWaiters.removeAll()
        for waiter in waiters { waiter.resume() }
    }
}
