import Foundation
@testable import ParapetAudit
import Testing

@Suite struct SQLiteCheckpointTests {
    private func fileSize(_ path: String) -> Int {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }

    @Test func backgroundCheckpointsKeepTheLogShortAndLoseNothing() async throws {
        let path = Fixtures.temporaryPath(".sqlite")
        let events = 6_000
        // Rewind the log once it holds 32 pages (128 KiB); without background checkpoints it
        // would grow to the writer's own limit of 10,000 pages before anything is copied.
        let store = try SQLiteAuditStore(path: path, create: true, checkpointEvery: 100, restartAfterPages: 32)
        let writer = AuditWriter(store: store, maxBatch: 64)
        var largestLog = 0
        for round in 0..<(events / 600) {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<600 { group.addTask { try await writer.record(Fixtures.event(round * 600 + index)) } }
                try await group.waitForAll()
            }
            largestLog = max(largestLog, fileSize(path + "-wal"))
        }
        // 6,000 events are about 5 MB of log frames; the log file must stay far below that.
        #expect(largestLog > 0)
        #expect(largestLog < 2 << 20, "the write-ahead log grew to \(largestLog) bytes")
        try await writer.close()
        #expect(fileSize(path + "-wal") == 0, "closing folds the log into the database")

        let reopened = try SQLiteAuditStore(path: path, create: false)
        let report = try await ChainVerifier().verify(reopened)
        #expect(report.ok)
        #expect(report.events == events)
        try await reopened.close()
    }
}
