import ParapetCore
import Foundation
import Logging
import PostgresNIO

/// The shared store: PostgreSQL through postgres-nio, so several Parapet instances (each with
/// its own chain) write one trail. The schema is migrated at open under an advisory lock; each
/// batch is one `INSERT … SELECT FROM unnest(…)` that also moves the chain's head, in one
/// committed transaction.
public final class PostgresAuditStore: AuditStore {
    /// The URL, with any password removed.
    public let url: String
    let client: PostgresClient
    private let runner: Task<Void, Never>
    let logger = Logger(label: "parapet.audit.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Connects to `postgres://user[:password]@host[:port]/database` (or `?host=/socket/dir`)
    /// and migrates the schema, giving up after `connect_timeout` seconds (a URL parameter, as
    /// in libpq; default 10).
    /// - Throws: ``AuditError`` `bad_url` or `io_error`.
    public init(url raw: String) async throws {
        let configuration = try Self.configuration(from: raw)
        let deadline = try Self.connectTimeout(from: raw)
        url = Self.redacted(raw)
        // The pool's background messages (connection churn at close) are not for the CLI's
        // stdout; failures reach callers as thrown errors.
        let quiet = Logger(label: "parapet.audit.postgres.pool", factory: { _ in SwiftLogNoOpLogHandler() })
        let client = PostgresClient(configuration: configuration, backgroundLogger: quiet)
        self.client = client
        let runner = Task { await client.run() }
        self.runner = runner
        do {
            // The pool retries an unreachable server forever and a query waits for a connection
            // meanwhile (postgres-nio #489), so the first one races a deadline; at the deadline
            // the pool is shut down, which ends the waiting query.
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await self.migrate() }
                group.addTask {
                    try await Task.sleep(for: .seconds(deadline))
                    runner.cancel()
                    throw OpenTimedOut(seconds: deadline)
                }
                try await group.next()
                group.cancelAll()
            }
        } catch let timedOut as OpenTimedOut {
            runner.cancel()
            throw AuditError(
                code: "io_error",
                message: "cannot open: no connection within \(timedOut.seconds) s (is the server running, and are host, port, user and database right?)",
                location: url)
        } catch {
            runner.cancel()
            throw AuditError(code: "io_error", message: "cannot open: \(String(reflecting: error))", location: url)
        }
    }

    /// The first query did not complete within the open deadline.
    private struct OpenTimedOut: Error {
        let seconds: Int
    }

    /// The named migrations, applied in order, each once.
    static let migrations: [(name: String, sql: [String])] = [
        ("v1-events", [
            """
            CREATE TABLE audit_events (
                position BIGSERIAL PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                chain_id TEXT NOT NULL,
                seq BIGINT NOT NULL,
                prev_hash TEXT NOT NULL,
                hash TEXT NOT NULL,
                time_us BIGINT NOT NULL,
                request_id TEXT,
                action TEXT NOT NULL,
                policy TEXT NOT NULL,
                categories TEXT NOT NULL,
                body TEXT NOT NULL,
                UNIQUE (chain_id, seq)
            )
            """,
            "CREATE INDEX audit_events_time ON audit_events (time_us)",
            "CREATE INDEX audit_events_request ON audit_events (request_id)",
            """
            CREATE TABLE audit_anchors (
                chain_id TEXT PRIMARY KEY, seq BIGINT NOT NULL, hash TEXT NOT NULL,
                purged_at_us BIGINT NOT NULL, purged_count BIGINT NOT NULL
            )
            """,
        ]),
        ("v2-heads", [
            "CREATE TABLE audit_heads (chain_id TEXT PRIMARY KEY, seq BIGINT NOT NULL, hash TEXT NOT NULL)",
            """
            INSERT INTO audit_heads (chain_id, seq, hash)
            SELECT DISTINCT ON (chain_id) chain_id, seq, hash FROM audit_events ORDER BY chain_id, seq DESC
            """,
            "INSERT INTO audit_heads (chain_id, seq, hash) SELECT chain_id, seq, hash FROM audit_anchors ON CONFLICT DO NOTHING",
        ]),
    ]

    private func migrate() async throws {
        try await client.withTransaction(logger: logger) { connection in
            // One migrator at a time across instances.
            _ = try await connection.query("SELECT pg_advisory_xact_lock(7041995123)", logger: logger)
            _ = try await connection.query(
                "CREATE TABLE IF NOT EXISTS audit_migrations (name TEXT PRIMARY KEY, applied_at_us BIGINT NOT NULL)",
                logger: logger)
            var applied = Set<String>()
            for try await name in try await connection.query("SELECT name FROM audit_migrations", logger: logger)
                .decode(String.self)
            {
                applied.insert(name)
            }
            for migration in Self.migrations where !applied.contains(migration.name) {
                for statement in migration.sql {
                    _ = try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                let name = migration.name, now = AuditClock.nowMicros()
                _ = try await connection.query("INSERT INTO audit_migrations (name, applied_at_us) VALUES (\(name), \(now))", logger: logger)
            }
        }
    }

    /// Inserts the batch with one statement in one transaction (committed, so fsynced).
    public func append(_ events: [ChainedEvent]) async throws {
        guard !events.isEmpty else { return }
        let ids = events.map(\.event.id), chains = events.map(\.chain), seqs = events.map(\.seq)
        let prevs = events.map(\.prev), hashes = events.map(\.hash), times = events.map(\.event.timeMicros)
        let requests = events.map { $0.event.requestID.map { "+" + $0 } ?? "" }
        let actions = events.map(\.event.action.rawValue), policies = events.map(\.event.policy)
        let categories = events.map(\.categoriesColumn)
        let bodies = events.map { String(decoding: $0.body, as: UTF8.self) }
        do {
            // Request ids travel with a "+" prefix so that an empty id and no id stay distinct.
            // One statement, so the events and the chain heads commit together.
            try await client.query(
                """
                WITH inserted AS (
                    INSERT INTO audit_events
                    (id, chain_id, seq, prev_hash, hash, time_us, request_id, action, policy, categories, body)
                    SELECT i, c, s, p, h, t, CASE WHEN r = '' THEN NULL ELSE substr(r, 2) END, a, po, ca, b
                    FROM unnest(\(ids)::text[], \(chains)::text[], \(seqs)::bigint[], \(prevs)::text[], \(hashes)::text[],
                                \(times)::bigint[], \(requests)::text[], \(actions)::text[], \(policies)::text[],
                                \(categories)::text[], \(bodies)::text[])
                    AS u(i, c, s, p, h, t, r, a, po, ca, b)
                    RETURNING chain_id, seq, hash
                )
                INSERT INTO audit_heads (chain_id, seq, hash)
                SELECT DISTINCT ON (chain_id) chain_id, seq, hash FROM inserted ORDER BY chain_id, seq DESC
                ON CONFLICT (chain_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash
                """, logger: logger)
        } catch {
            throw AuditError(code: "io_error", message: "cannot write: \(String(reflecting: error))", location: url)
        }
    }

    /// Closes the connection pool.
    public func close() async throws {
        runner.cancel()
        _ = await runner.value
    }
}
