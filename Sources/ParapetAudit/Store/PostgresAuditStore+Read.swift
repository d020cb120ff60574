import ParapetCore
import Foundation
import PostgresNIO

extension PostgresAuditStore {
    private static let columns =
        "position, id, chain_id, seq, prev_hash, hash, time_us, request_id, action, policy, categories, body"

    /// A page of matching events.
    public func page(_ filter: AuditFilter, after: Int64?, limit: Int, descending: Bool) async throws -> [StoredEvent] {
        var clauses: [String] = []
        var binds = PostgresBindings()
        func bind(_ clause: (Int) -> String, _ value: some PostgresDynamicTypeEncodable) {
            binds.append(value)
            clauses.append(clause(binds.count))
        }
        if let after { bind({ descending ? "position < $\($0)" : "position > $\($0)" }, after) }
        if let from = filter.fromMicros { bind({ "time_us >= $\($0)" }, from) }
        if let to = filter.toMicros { bind({ "time_us < $\($0)" }, to) }
        if let action = filter.action { bind({ "action = $\($0)" }, action) }
        if let policy = filter.policy { bind({ "policy = $\($0)" }, policy) }
        if let request = filter.requestID { bind({ "request_id = $\($0)" }, request) }
        if let needle = filter.categoryNeedle { bind({ "strpos(categories, $\($0)) > 0" }, needle) }
        if filter.anyCategory { clauses.append("length(categories) > 1") }
        let whereClause = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
        let sql = "SELECT \(Self.columns) FROM audit_events \(whereClause) ORDER BY position \(descending ? "DESC" : "ASC") LIMIT \(max(0, limit))"
        return try await fetch(PostgresQuery(unsafeSQL: sql, binds: binds))
    }

    /// The event with this id.
    public func event(id: String) async throws -> StoredEvent? {
        var binds = PostgresBindings()
        binds.append(id)
        return try await fetch(PostgresQuery(unsafeSQL: "SELECT \(Self.columns) FROM audit_events WHERE id = $1", binds: binds)).first
    }

    /// The anchors left by purges.
    public func anchors() async throws -> [ChainAnchor] {
        do {
            var result: [ChainAnchor] = []
            let rows = try await client.query(
                "SELECT chain_id, seq, hash, purged_at_us, purged_count FROM audit_anchors ORDER BY chain_id", logger: logger)
            for try await (chain, seq, hash, at, count) in rows.decode((String, Int64, String, Int64, Int64).self) {
                result.append(ChainAnchor(chain: chain, seq: seq, hash: hash, purgedAtMicros: at, purgedCount: count))
            }
            return result
        } catch {
            throw AuditError(code: "io_error", message: "cannot read: \(String(reflecting: error))", location: url)
        }
    }

    /// Each chain's last committed event.
    public func heads() async throws -> [ChainHead]? {
        do {
            var result: [ChainHead] = []
            let rows = try await client.query("SELECT chain_id, seq, hash FROM audit_heads ORDER BY chain_id", logger: logger)
            for try await (chain, seq, hash) in rows.decode((String, Int64, String).self) {
                result.append(ChainHead(chain: chain, seq: seq, hash: hash))
            }
            return result
        } catch {
            throw AuditError(code: "io_error", message: "cannot read: \(String(reflecting: error))", location: url)
        }
    }

    /// Deletes chain prefixes made before the time, in one transaction, recording anchors.
    public func purge(beforeMicros: Int64) async throws -> Int {
        do {
            let logger = logger
            return try await client.withTransaction(logger: logger) { connection in
                var cuts: [(String, Int64)] = []
                let rows = try await connection.query(
                    "SELECT chain_id, MAX(seq) FROM audit_events WHERE time_us < \(beforeMicros) GROUP BY chain_id",
                    logger: logger)
                for try await cut in rows.decode((String, Int64).self) { cuts.append(cut) }
                var removed = 0
                let now = AuditClock.nowMicros()
                for (chain, seq) in cuts {
                    var hash = ""
                    for try await value in try await connection.query(
                        "SELECT hash FROM audit_events WHERE chain_id = \(chain) AND seq = \(seq)", logger: logger
                    ).decode(String.self) { hash = value }
                    var count: Int64 = 0
                    for try await value in try await connection.query(
                        "WITH d AS (DELETE FROM audit_events WHERE chain_id = \(chain) AND seq <= \(seq) RETURNING 1) SELECT count(*) FROM d",
                        logger: logger
                    ).decode(Int64.self) { count = value }
                    removed += Int(count)
                    _ = try await connection.query(
                        """
                        INSERT INTO audit_anchors (chain_id, seq, hash, purged_at_us, purged_count)
                        VALUES (\(chain), \(seq), \(hash), \(now), \(count))
                        ON CONFLICT (chain_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash,
                        purged_at_us = excluded.purged_at_us, purged_count = audit_anchors.purged_count + excluded.purged_count
                        """, logger: logger)
                }
                return removed
            }
        } catch {
            throw AuditError(code: "io_error", message: "cannot purge: \(String(reflecting: error))", location: url)
        }
    }

    private func fetch(_ query: PostgresQuery) async throws -> [StoredEvent] {
        var rows: [(Int64, String, String, Int64, String, String, Int64, String?, String, String, String, String)] = []
        do {
            let sequence = try await client.query(query, logger: logger)
            for try await row in sequence.decode(
                (Int64, String, String, Int64, String, String, Int64, String?, String, String, String, String).self)
            {
                rows.append(row)
            }
        } catch {
            throw AuditError(code: "io_error", message: "cannot read: \(String(reflecting: error))", location: url)
        }
        return try rows.map { row in
            let (position, id, chain, seq, prev, hash, time, request, action, policy, categories, bodyText) = row
            let body = Array(bodyText.utf8)
            let event = try DecisionEvent.decode(body: body, location: "\(url) position \(position)")
            let chained = ChainedEvent(chain: chain, seq: seq, prev: prev, hash: hash, event: event, body: body)
            var mismatch: String?
            if id != event.id { mismatch = "id" }
            else if time != event.timeMicros { mismatch = "time_us" }
            else if request != event.requestID { mismatch = "request_id" }
            else if action != event.action.rawValue { mismatch = "action" }
            else if policy != event.policy { mismatch = "policy" }
            else if categories != chained.categoriesColumn { mismatch = "categories" }
            return StoredEvent(position: position, chained: chained, columnMismatch: mismatch)
        }
    }
}
