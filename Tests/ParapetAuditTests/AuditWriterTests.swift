import Foundation
import ParapetAudit
import ParapetCore
import Testing

@Suite struct AuditWriterTests {
    @Test func concurrentRecordsFormOneContiguousVerifiedChain() async throws {
        let store = MemoryAuditStore()
        let writer = AuditWriter(store: store, maxBatch: 64)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<1_000 { group.addTask { try await writer.record(Fixtures.event(index)) } }
            try await group.waitForAll()
        }
        let events = store.events
        #expect(events.count == 1_000)
        #expect(events.map(\.seq) == Array(1...1_000))
        #expect(Set(events.map(\.chain)) == [writer.chain])
        #expect(events[0].prev == ChainedEvent.genesis)
        let report = try await ChainVerifier().verify(store)
        #expect(report.ok)
        #expect(report.events == 1_000)
        #expect(report.chains.first?.head == events.last?.hash)
    }

    @Test func recordReturnsOnlyAfterTheEventIsStored() async throws {
        let store = MemoryAuditStore()
        let writer = AuditWriter(store: store)
        for index in 0..<20 {
            try await writer.record(Fixtures.event(index))
            #expect(store.events.count == index + 1)
        }
    }

    @Test func aFailedBatchThrowsAndLeavesTheChainWhole() async throws {
        let store = MemoryAuditStore()
        let writer = AuditWriter(store: store, failureMode: .fail)
        try await writer.record(Fixtures.event(0))
        store.failNextAppends(1)
        await #expect(throws: AuditError.self) { try await writer.record(Fixtures.event(1)) }
        try await writer.record(Fixtures.event(2))
        #expect(store.events.map(\.seq) == [1, 2])
        #expect(try await ChainVerifier().verify(store).ok)
    }

    @Test func continueModeAnswersEvenWhenTheStoreFails() async throws {
        let store = MemoryAuditStore()
        let writer = AuditWriter(store: store, failureMode: .continue)
        store.failNextAppends(1)
        try await writer.record(Fixtures.event(0))
        try await writer.record(Fixtures.event(1))
        #expect(store.events.count == 1)
        #expect(try await ChainVerifier().verify(store).ok)
    }

    @Test func aClosedWriterRefusesEvents() async throws {
        let writer = AuditWriter(store: MemoryAuditStore())
        try await writer.record(Fixtures.event(0))
        try await writer.close()
        await #expect(throws: AuditError.self) { try await writer.record(Fixtures.event(1)) }
    }

    @Test func eachWriterStartsItsOwnChain() async throws {
        let store = MemoryAuditStore()
        let first = AuditWriter(store: store), second = AuditWriter(store: store)
        for index in 0..<10 {
            try await first.record(Fixtures.event(index))
            try await second.record(Fixtures.event(100 + index))
        }
        let report = try await ChainVerifier().verify(store)
        #expect(report.ok)
        #expect(report.chains.count == 2)
        #expect(first.chain != second.chain)
    }
}

@Suite struct TamperDetectionTests {
    /// A memory store with one writer's chain of `count` events.
    func chain(_ count: Int) async throws -> MemoryAuditStore {
        let store = MemoryAuditStore()
        let writer = AuditWriter(store: store)
        for index in 0..<count { try await writer.record(Fixtures.event(index)) }
        return store
    }

    @Test func aModifiedEventIsAHashMismatchAtItsSequence() async throws {
        let store = try await chain(10)
        store.tamper(at: 4) { $0.event.action = .allow; $0.event.findings = [] }
        let problem = try #require(try await ChainVerifier().verify(store).problem)
        #expect(problem.kind == .hashMismatch)
        #expect(problem.seq == 5)
        #expect(problem.eventID == store.events[4].event.id)
    }

    @Test func aDeletedEventIsAMissingSequence() async throws {
        let store = try await chain(10)
        store.remove(at: 6)
        let problem = try #require(try await ChainVerifier().verify(store).problem)
        #expect(problem.kind == .missingSequence)
        #expect(problem.seq == 8)
    }

    @Test func reorderedEventsAreDetected() async throws {
        let store = try await chain(10)
        let third = store.events[2], fourth = store.events[3]
        store.tamper(at: 2) { $0 = fourth }
        store.tamper(at: 3) { $0 = third }
        let problem = try #require(try await ChainVerifier().verify(store).problem)
        // Sequence 3 turns up after 4: a reordering, not a deletion.
        #expect(problem.kind == .outOfOrder)
        #expect(problem.seq == 4)
        #expect(problem.detail.contains("sequence 3 is stored after 4"))
    }

    @Test func aRehashedEventStillBreaksTheNextLink() async throws {
        let store = try await chain(10)
        // An attacker edits event 3 and recomputes its own hash: the link to event 4 breaks.
        store.tamper(at: 2) { item in
            item.event.action = .allow
            item.body = item.event.canonicalJSON()
            item.hash = item.expectedHash
        }
        let problem = try #require(try await ChainVerifier().verify(store).problem)
        #expect(problem.kind == .prevMismatch)
        #expect(problem.seq == 4)
    }
}
