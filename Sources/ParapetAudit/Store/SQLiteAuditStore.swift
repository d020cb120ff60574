import ParapetCore
import Foundation
import GRDB

/// The embedded store: one SQLite file in WAL mode (GRDB), `synchronous=FULL` so a committed
/// batch is on disk, with named migrations, indexes for the list filters, and each chain's head
/// (``ChainHead``) updated in the batch's own transaction. The log is
/// checkpointed in the background (``SQLiteCheckpointer``), off the commit path.
public final class SQLiteAuditStore: AuditStore {
    /// `sqlite:PATH`.
    public let url: String
    private let pool: DatabasePool
    private let checkpointer: SQLiteCheckpointer

    /// Opens (and, unless `create` is false, creates and migrates) the database at `path`.
    /// - Throws: ``AuditError`` `not_found` when `create` is false and there is no such file,
    ///   `not_a_trail` when `create` is false and the file holds no audit trail (an empty file,
    ///   another application's database: it is left untouched), `io_error` when SQLite cannot
    ///   open or migrate it.
    public convenience init(path: String, create: Bool = true) throws {
        try self.init(path: path, create: create, checkpointEvery: 8_000, restartAfterPages: 8_000)
    }

    /// Opens the database with background checkpoints after every `checkpointEvery` committed
    /// events, rewinding the log once it is `restartAfterPages` long (tests use small values).
    init(path: String, create: Bool, checkpointEvery: Int, restartAfterPages: Int) throws {
        url = "sqlite:" + path
        if !create {
            guard FileManager.default.fileExists(atPath: path) else {
                throw AuditError(code: "not_found", message: "no audit database here", location: url)
            }
            try Self.requireTrail(at: path, url: url)
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "PRAGMA wal_autocheckpoint = \(SQLiteCheckpointer.writerLimitPages)")
            try db.execute(sql: "PRAGMA journal_size_limit = \(SQLiteAuditStore.walSizeLimitBytes)")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(pool)
            checkpointer = try SQLiteCheckpointer(
                path: path, everyEvents: checkpointEvery, restartAfterPages: restartAfterPages)
        } catch {
            throw AuditError(code: "io_error", message: "cannot open: \(error)", location: url)
        }
    }

    /// Throws `not_a_trail` unless the SQLite file at `path` has the trail's events table,
    /// reading it without writing (the pool below would switch it to WAL mode and migrate it).
    private static func requireTrail(at path: String, url: String) throws {
        var configuration = Configuration()
        configuration.readonly = true
        let hasEvents: Bool
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            hasEvents = try queue.read { try $0.tableExists("audit_events") }
            try queue.close()
        } catch {
            throw AuditError(code: "io_error", message: "cannot open: \(error)", location: url)
        }
        guard hasEvents else {
            throw AuditError(code: "not_a_trail", message: "this SQLite file holds no audit trail (no audit_events table); nothing was changed", location: url)
        }
    }

    /// The size the write-ahead log file is cut back to after it has been fully checkpointed.
    static let walSizeLimitBytes = 64 << 20

    /// The schema, as named migrations.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-events") { db in
            try db.execute(sql: """
                CREATE TABLE audit_events (
                    position INTEGER PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    chain_id TEXT NOT NULL,
                    seq INTEGER NOT NULL,
                    prev_hash TEXT NOT NULL,
                    hash TEXT NOT NULL,
                    time_us INTEGER NOT NULL,
                    request_id TEXT,
                    action TEXT NOT NULL,
                    policy TEXT NOT NULL,
                    categories TEXT NOT NULL,
                    body TEXT NOT NULL,
                    UNIQUE (chain_id, seq)
                );
                CREATE INDEX audit_events_time ON audit_events (time_us);
                CREATE INDEX audit_events_request ON audit_events (request_id);
                CREATE TABLE audit_anchors (
                    chain_id TEXT PRIMARY KEY,
                    seq INTEGER NOT NULL,
                    hash TEXT NOT NULL,
                    purged_at_us INTEGER NOT NULL,
                    purged_count INTEGER NOT NULL
                );
                """)
        }
        migrator.registerMigration("v2-heads") { db in
            // Existing trails get their heads from what is stored now (or, for a chain purged
            // entirely, from its anchor).
            try db.execute(sql: """
                CREATE TABLE audit_heads (chain_id TEXT PRIMARY KEY, seq INTEGER NOT NULL, hash TEXT NOT NULL);
                INSERT INTO audit_heads (chain_id, seq, hash)
                    SELECT e.chain_id, e.seq, e.hash FROM audit_events e
                    WHERE e.seq = (SELECT MAX(seq) FROM audit_events WHERE chain_id = e.chain_id);
                INSERT OR IGNORE INTO audit_heads (chain_id, seq, hash) SELECT chain_id, seq, hash FROM audit_anchors;
                """)
        }
        return migrator
    }

    /// Inserts the batch in one transaction (one WAL fsync).
    public func append(_ events: [ChainedEvent]) async throws {
        do {
            try await pool.write { db in
                let statement = try db.cachedStatement(sql: """
                    INSERT INTO audit_events
                    (id, chain_id, seq, prev_hash, hash, time_us, request_id, action, policy, categories, body)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                for item in events {
                    let event = item.event
                    // The statement is ours and has exactly these 11 parameters: skip GRDB's
                    // per-row argument validation on this serial path.
                    statement.setUncheckedArguments([
                        event.id, item.chain, item.seq, item.prev, item.hash, event.timeMicros, event.requestID,
                        event.action.rawValue, event.policy, item.categoriesColumn,
                        String(decoding: item.body, as: UTF8.self),
                    ])
                    try statement.execute()
                }
                for head in ChainHead.after(events) {
                    try db.execute(
                        sql: """
                            INSERT INTO audit_heads (chain_id, seq, hash) VALUES (?, ?, ?)
                            ON CONFLICT (chain_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash
                            """, arguments: [head.chain, head.seq, head.hash])
                }
            }
            checkpointer.committed(events: events.count)
        } catch {
            throw AuditError(code: "io_error", message: "cannot write: \(error)", location: url)
        }
    }

    /// A page of matching events.
    public func page(_ filter: AuditFilter, after: Int64?, limit: Int, descending: Bool) async throws -> [StoredEvent] {
        var clauses: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let after { clauses.append(descending ? "position < ?" : "position > ?"); arguments.append(after) }
        if let from = filter.fromMicros { clauses.append("time_us >= ?"); arguments.append(from) }
        if let to = filter.toMicros { clauses.append("time_us < ?"); arguments.append(to) }
        if let action = filter.action { clauses.append("action = ?"); arguments.append(action) }
        if let policy = filter.policy { clauses.append("policy = ?"); arguments.append(policy) }
        if let request = filter.requestID { clauses.append("request_id = ?"); arguments.append(request) }
        if let needle = filter.categoryNeedle { clauses.append("instr(categories, ?) > 0"); arguments.append(needle) }
        if filter.anyCategory { clauses.append("length(categories) > 1") }
        let whereClause = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
        let sql = "SELECT * FROM audit_events \(whereClause) ORDER BY position \(descending ? "DESC" : "ASC") LIMIT \(max(0, limit))"
        let statementArguments = StatementArguments(arguments)
        return try read { db in try Row.fetchAll(db, sql: sql, arguments: statementArguments).map(self.decode) }
    }

    /// The event with this id.
    public func event(id: String) async throws -> StoredEvent? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM audit_events WHERE id = ?", arguments: [id]).map(self.decode)
        }
    }

    /// The anchors left by purges.
    public func anchors() async throws -> [ChainAnchor] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit_anchors ORDER BY chain_id").map { row in
                ChainAnchor(
                    chain: row["chain_id"], seq: row["seq"], hash: row["hash"], purgedAtMicros: row["purged_at_us"],
                    purgedCount: row["purged_count"])
            }
        }
    }

    /// Each chain's last committed event.
    public func heads() async throws -> [ChainHead]? {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT chain_id, seq, hash FROM audit_heads ORDER BY chain_id").map { row in
                ChainHead(chain: row["chain_id"], seq: row["seq"], hash: row["hash"])
            }
        }
    }

    /// Deletes chain prefixes made before the time, in one transaction, recording anchors.
    public func purge(beforeMicros: Int64) async throws -> Int {
        do {
            return try await pool.write { db in
                let cuts = try Row.fetchAll(
                    db, sql: "SELECT chain_id, MAX(seq) AS seq FROM audit_events WHERE time_us < ? GROUP BY chain_id",
                    arguments: [beforeMicros])
                var removed = 0
                let now = AuditClock.nowMicros()
                for cut in cuts {
                    let chain: String = cut["chain_id"]
                    let seq: Int64 = cut["seq"]
                    let hash = try String.fetchOne(
                        db, sql: "SELECT hash FROM audit_events WHERE chain_id = ? AND seq = ?", arguments: [chain, seq]) ?? ""
                    try db.execute(sql: "DELETE FROM audit_events WHERE chain_id = ? AND seq <= ?", arguments: [chain, seq])
                    let count = db.changesCount
                    removed += count
                    try db.execute(
                        sql: """
                            INSERT INTO audit_anchors (chain_id, seq, hash, purged_at_us, purged_count) VALUES (?, ?, ?, ?, ?)
                            ON CONFLICT (chain_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash,
                            purged_at_us = excluded.purged_at_us, purged_count = purged_count + excluded.purged_count
                            """, arguments: [chain, seq, hash, now, count])
                }
                return removed
            }
        } catch {
            throw AuditError(code: "io_error", message: "cannot purge: \(error)", location: url)
        }
    }

    /// Closes the pool and the checkpointing connection (the last one to close folds the log
    /// into the database file).
    public func close() async throws {
        try? pool.close()
        checkpointer.close()
    }

    private func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.read(body)
        } catch let error as AuditError {
            throw error
        } catch {
            throw AuditError(code: "io_error", message: "cannot read: \(error)", location: url)
        }
    }

    private func decode(_ row: Row) throws -> StoredEvent {
        let position: Int64 = row["position"]
        let bodyText: String = row["body"]
        let body = Array(bodyText.utf8)
        let event = try DecisionEvent.decode(body: body, location: "\(url) position \(position)")
        let chained = ChainedEvent(
            chain: row["chain_id"], seq: row["seq"], prev: row["prev_hash"], hash: row["hash"], event: event, body: body)
        var mismatch: String?
        if (row["id"] as String) != event.id { mismatch = "id" }
        else if (row["time_us"] as Int64) != event.timeMicros { mismatch = "time_us" }
        else if (row["request_id"] as String?) != event.requestID { mismatch = "request_id" }
        else if (row["action"] as String) != event.action.rawValue { mismatch = "action" }
        else if (row["policy"] as String) != event.policy { mismatch = "policy" }
        else if (row["categories"] as String) != chained.categoriesColumn { mismatch = "categories" }
        return StoredEvent(position: position, chained: chained, columnMismatch: mismatch)
    }
}
