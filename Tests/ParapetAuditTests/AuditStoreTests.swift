import Foundation
import GRDB
@testable import ParapetAudit
import ParapetCore
import PostgresNIO
import Testing

/// The same behaviour from every store: memory, SQLite, JSONL and (when configured) PostgreSQL.
@Suite(.serialized) struct AuditStoreTests {
    static let urls = Fixtures.storeURLs()

    /// Opens a store and fills it with `count` varied events through a writer.
    func filled(_ url: String, count: Int = 40, concurrent: Bool = true) async throws -> (any AuditStore, [DecisionEvent], String) {
        let store = try await AuditSinks.openStore(url: url)
        try await wipe(store)
        let writer = AuditWriter(store: store, maxBatch: 7)
        let events = (0..<count).map { Fixtures.event($0) }
        if concurrent {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for event in events { group.addTask { try await writer.record(event) } }
                try await group.waitForAll()
            }
        } else {
            for event in events { try await writer.record(event) }
        }
        try await writer.flush()
        return (store, events, writer.chain)
    }

    /// Empties a shared PostgreSQL database between tests (other stores are fresh files).
    func wipe(_ store: any AuditStore) async throws {
        _ = try await store.purge(beforeMicros: Int64.max)
    }

    @Test(arguments: urls) func appendsAndReadsBackEveryEventUnchanged(url: String) async throws {
        let (store, events, chain) = try await filled(url)
        var read: [DecisionEvent] = []
        try await store.forEach(pageSize: 9) { read.append($0.chained.event) }
        #expect(Set(read) == Set(events))
        #expect(try await store.page(AuditFilter(), after: nil, limit: 1, descending: false).first?.chained.chain == chain)
        #expect(read.count == events.count)
        let one = try #require(try await store.event(id: events[3].id))
        #expect(one.chained.event == events[3])
        #expect(try await store.event(id: "no-such-id") == nil)
        #expect(try await ChainVerifier().verify(store).ok)
        try await store.close()
    }

    @Test(arguments: urls) func filtersAgreeWithTheReferenceFilter(url: String) async throws {
        let (store, events, _) = try await filled(url)
        let base = events[0].timeMicros
        let filters = [
            AuditFilter(action: "block"), AuditFilter(category: "pii.email"), AuditFilter(category: "pii.*"),
            AuditFilter(category: "secret.*"), AuditFilter(policy: "strict"), AuditFilter(requestID: "req-7"),
            AuditFilter(fromMicros: base + 10_000_000, toMicros: base + 20_000_000),
            AuditFilter(action: "rewrite", category: "*"),
        ]
        for filter in filters {
            let got = try await store.page(filter, after: nil, limit: 1_000, descending: false).map(\.chained.event.id)
            let expected = events.filter { filter.matches($0) }.map(\.id)
            #expect(Set(got) == Set(expected), "filter \(filter)")
            #expect(!expected.isEmpty)
        }
        let newest = try await store.page(AuditFilter(), after: nil, limit: 5, descending: true)
        #expect(newest.count == 5)
        #expect(newest.map(\.position) == newest.map(\.position).sorted(by: >))
        try await store.close()
    }

    @Test(arguments: urls) func purgeKeepsTheRestVerifiable(url: String) async throws {
        // Sequential, so times rise with sequence numbers and the purge cuts a clean prefix.
        let (store, events, chain) = try await filled(url, concurrent: false)
        let removed = try await store.purge(beforeMicros: events[15].timeMicros)
        #expect(removed == 15)
        var left: [DecisionEvent] = []
        try await store.forEach { left.append($0.chained.event) }
        #expect(left.count == events.count - removed)
        #expect(left.allSatisfy { $0.timeMicros >= events[15].timeMicros })
        let anchors = try await store.anchors().filter { $0.chain == chain }
        #expect(anchors.count == 1)
        #expect(anchors.first?.purgedCount == Int64(removed))
        let report = try await ChainVerifier().verify(store)
        #expect(report.ok, "\(String(describing: report.problem))")
        #expect(report.chains.first { $0.chain == chain }?.anchoredAt == Int64(removed))
        try await store.close()
    }

    /// Runs SQL on the store's own database, as someone with write access to it would.
    func tamper(_ store: any AuditStore, _ sql: String) async throws {
        if let postgres = store as? PostgresAuditStore {
            try await postgres.client.query(PostgresQuery(unsafeSQL: sql), logger: postgres.logger)
        } else {
            try SQLiteEditor.execute(path: String(store.url.dropFirst("sqlite:".count)), sql: sql)
        }
    }

    @Test(arguments: Fixtures.headStoreURLs()) func aCutTailIsCaughtByTheChainHead(url: String) async throws {
        let (store, _, chain) = try await filled(url, count: 10, concurrent: false)
        #expect(try await store.heads()?.first { $0.chain == chain }?.seq == 10)
        #expect(try await ChainVerifier().verify(store).ok)

        // Delete the three newest events: no gap in the middle, so only the head shows it.
        try await tamper(store, "DELETE FROM audit_events WHERE chain_id = '\(chain)' AND seq > 7")
        let cut = try #require(try await ChainVerifier().verify(store).problem)
        #expect(cut.kind == .truncated)
        #expect(cut.chain == chain)
        #expect(cut.seq == 7)
        #expect(cut.detail.contains("says 10"))

        // Deleting the head record as well is caught too.
        try await tamper(store, "DELETE FROM audit_heads WHERE chain_id = '\(chain)'")
        let headless = try #require(try await ChainVerifier().verify(store).problem)
        #expect(headless.kind == .headMismatch)

        // Leave a shared database consistent for the next test.
        try await tamper(store, "DELETE FROM audit_events WHERE chain_id = '\(chain)'")
        #expect(try await ChainVerifier().verify(store).ok)
        try await store.close()
    }

    @Test(arguments: Fixtures.headStoreURLs()) func aFullyPurgedChainStillVerifiesAgainstItsHead(url: String) async throws {
        let (store, _, chain) = try await filled(url, count: 12, concurrent: false)
        _ = try await store.purge(beforeMicros: Int64.max)
        let anchor = try #require(try await store.anchors().first { $0.chain == chain })
        #expect(try await store.heads()?.first { $0.chain == chain } == ChainHead(chain: chain, seq: anchor.seq, hash: anchor.hash))
        let report = try await ChainVerifier().verify(store)
        #expect(report.ok)
        // Still listed, with the head to keep: the anchor.
        let summary = try #require(report.chains.first { $0.chain == chain })
        #expect(summary.events == 0 && summary.head == anchor.hash && summary.lastSeq == anchor.seq)
        try await store.close()
    }

    @Test(arguments: Fixtures.headStoreURLs()) func aPurgeAnchorMustCountWhatItResumesAfter(url: String) async throws {
        let (store, events, chain) = try await filled(url, count: 12, concurrent: false)
        _ = try await store.purge(beforeMicros: events[5].timeMicros)
        #expect(try await ChainVerifier().verify(store).ok)

        // An edited purge count no longer passes: the anchor resumes after 5, so 5 were purged.
        try await tamper(store, "UPDATE audit_anchors SET purged_count = 2 WHERE chain_id = '\(chain)'")
        let edited = try #require(try await ChainVerifier().verify(store).problem)
        #expect(edited.kind == .anchorMismatch)
        #expect(edited.chain == chain && edited.seq == 5)
        try await tamper(store, "UPDATE audit_anchors SET purged_count = seq WHERE chain_id = '\(chain)'")

        // Nor does a purge hide an event deleted inside the prefix it removes.
        try await tamper(store, "DELETE FROM audit_events WHERE chain_id = '\(chain)' AND seq = 8")
        #expect(try await ChainVerifier().verify(store).problem?.kind == .missingSequence)
        _ = try await store.purge(beforeMicros: events[10].timeMicros)
        let hidden = try #require(try await ChainVerifier().verify(store).problem)
        #expect(hidden.kind == .anchorMismatch)
        #expect(hidden.detail.contains("after sequence 10 but records 9"))

        // Leave a shared database consistent for the next test.
        try await tamper(store, "UPDATE audit_anchors SET purged_count = seq WHERE chain_id = '\(chain)'")
        #expect(try await ChainVerifier().verify(store).ok)
        try await store.close()
    }

    @Test func aTrailFromBeforeHeadRecordsGetsThemWhenOpened() async throws {
        let path = Fixtures.temporaryPath(".sqlite")
        let (store, _, chain) = try await filled("sqlite:" + path, count: 9, concurrent: false)
        try await store.close()
        // Turn it back into a v1 trail: no heads table, migration not applied.
        try SQLiteEditor.execute(
            path: path, sql: "DROP TABLE audit_heads; DELETE FROM grdb_migrations WHERE identifier = 'v2-heads'")
        let reopened = try await AuditSinks.openStore(url: "sqlite:" + path, create: false)
        let events = try await reopened.page(AuditFilter(), after: nil, limit: 100, descending: false)
        let last = try #require(events.last?.chained)
        #expect(try await reopened.heads() == [ChainHead(chain: chain, seq: 9, hash: last.hash)])
        #expect(try await ChainVerifier().verify(reopened).ok)
        try await reopened.close()
    }

    @Test func postgresIsConfiguredWhenCIRequiresIt() {
        if PostgresTestServer.required {
            #expect(PostgresTestServer.url != nil, "CI=true but PARAPET_TEST_POSTGRES_URL is not set: .ci/run must start PostgreSQL")
        }
    }
}
