public import Logging

/// Opens stores and sinks from a URL: `sqlite:PATH`, `postgres://…`, `jsonl:PATH`, `memory:`.
public enum AuditSinks {
    /// Opens the store a URL names. With `create` false, a missing SQLite or JSONL file is an
    /// error instead of being created (for the read commands).
    /// - Throws: ``AuditError`` `bad_url`, `not_found` or `io_error`.
    public static func openStore(url: String, create: Bool = true) async throws -> any AuditStore {
        if url.hasPrefix("sqlite:") {
            return try SQLiteAuditStore(path: try path(url, scheme: "sqlite:"), create: create)
        }
        if url.hasPrefix("jsonl:") {
            return try JSONLAuditStore(path: try path(url, scheme: "jsonl:"), create: create)
        }
        if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            return try await PostgresAuditStore(url: url)
        }
        if url == "memory:" { return MemoryAuditStore() }
        throw AuditError(
            code: "bad_url", message: "expected sqlite:PATH, jsonl:PATH, postgres://… or memory:",
            location: url.hasPrefix("postgres") ? PostgresAuditStore.redacted(url) : url)
    }

    /// Opens a writer (a new chain) over the store a URL names.
    public static func open(
        url: String, failureMode: AuditFailureMode = .fail, maxBatch: Int = 2_048,
        logger: Logger = AuditWriter.defaultLogger
    ) async throws -> AuditWriter {
        AuditWriter(store: try await openStore(url: url), failureMode: failureMode, maxBatch: maxBatch, logger: logger)
    }

    private static func path(_ url: String, scheme: String) throws -> String {
        var path = String(url.dropFirst(scheme.count))
        if path.hasPrefix("//") { path.removeFirst(2) }
        guard !path.isEmpty else { throw AuditError(code: "bad_url", message: "no file path", location: url) }
        return path
    }
}
