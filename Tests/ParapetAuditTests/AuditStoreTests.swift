import Foundation
import ParapetAudit
import ParapetCore
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
        #expect(report.chains.first?.anchoredAt == Int64(removed))
        try await store.close()
    }

    @Test func postgresIsConfiguredWhenCIRequiresIt() {
        if PostgresTestServer.required {
            #expect(PostgresTestServer.url != nil, "CI=true but PARAPET_TEST_POSTGRES_URL is not set: .ci/run must start PostgreSQL")
        }
    }
}
