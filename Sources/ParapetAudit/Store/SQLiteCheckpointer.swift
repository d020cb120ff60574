import Foundation
import GRDB
import Synchronization

/// Keeps the SQLite write-ahead log short without stalling commits.
///
/// SQLite's automatic checkpoint runs inside the commit that crosses its limit: that batch waits
/// while pages are copied into the database file and the file is fsynced. Measured on the audit
/// benchmark, this cost a quarter of the durable throughput. Instead, the writer's own limit is
/// raised to a safety net (``writerLimitPages``), and this type copies committed log frames into
/// the database from a second connection on its own thread (a passive checkpoint, which never
/// blocks the writer) after every ``everyEvents`` committed events. A checkpoint that cannot
/// finish loses nothing: the frames stay in the log, which stays the source of truth, and the
/// next checkpoint (or the writer's safety net) copies them. The log stays near
/// ``restartAfterPages`` pages (by default 8,000, 32 MB) under sustained load.
final class SQLiteCheckpointer: Sendable {
    /// The WAL length in pages at which the writer connection checkpoints by itself.
    static let writerLimitPages = 16_000

    /// Committed events after which a background checkpoint starts.
    let everyEvents: Int
    /// The WAL length in pages after which a background checkpoint also rewinds the log.
    let restartAfterPages: Int
    private let connection: DatabaseQueue
    private let queue = DispatchQueue(label: "parapet.audit.sqlite-checkpoint")
    private let state = Mutex(State())

    private struct State {
        var eventsSinceCheckpoint = 0
        var running = false
        var closed = false
    }

    /// Opens the checkpointing connection to the database at `path` (already created and in WAL mode).
    init(path: String, everyEvents: Int = 8_000, restartAfterPages: Int = 8_000) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        connection = try DatabaseQueue(path: path, configuration: configuration)
        self.everyEvents = max(1, everyEvents)
        self.restartAfterPages = max(1, restartAfterPages)
    }

    /// Notes committed events and starts a background checkpoint when enough have piled up and
    /// none is running.
    func committed(events: Int) {
        let start = state.withLock { state -> Bool in
            state.eventsSinceCheckpoint += events
            guard !state.closed, !state.running, state.eventsSinceCheckpoint >= everyEvents else { return false }
            state.running = true
            state.eventsSinceCheckpoint = 0
            return true
        }
        guard start else { return }
        queue.async { [self] in
            // A busy or failed checkpoint leaves the frames in the log; the next one retries.
            _ = try? connection.writeWithoutTransaction { db in
                let (logFrames, _) = try db.checkpoint(.passive)
                // Under sustained writes the log is never completely copied at the moment a new
                // write starts, so SQLite never rewinds it. Once it is long, a restart checkpoint
                // (which briefly holds off the writer, but has only the few frames written since
                // the passive pass left to copy) lets the next write start the log from the top.
                if logFrames >= restartAfterPages { try db.checkpoint(.restart) }
            }
            state.withLock { $0.running = false }
        }
    }

    /// Waits for a running checkpoint and closes the connection.
    func close() {
        state.withLock { $0.closed = true }
        queue.sync {}
        try? connection.close()
    }
}
