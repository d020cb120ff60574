import Foundation

/// A store in one append-only JSON Lines file: one event per line, appended and fsynced per
/// batch under an exclusive `flock`. Reading tolerates nothing silently: an unreadable line is
/// an error naming its line number; a torn last line (a crashed write, never acknowledged) is
/// left out and reported by ``readWarnings()``.
///
/// Line format: `{"chain":…,"seq":…,"prev":…,"hash":…,"event":{canonical event}}`; purges add
/// `{"anchor":{…}}` lines. Purging rewrites the file and must not run while a writer has it open.
public final class JSONLAuditStore: AuditStore, @unchecked Sendable {
    // SAFETY: `cache` is read and written only on `queue`, a serial queue; every other stored
    // property is immutable.
    /// `jsonl:PATH`.
    public let url: String
    private let path: String
    private let queue = DispatchQueue(label: "parapet.audit.jsonl")
    private var cache: (size: Int, lines: [JSONLLine], torn: AuditError?)?
    /// Set when opening for writing cut off a torn last line (a crashed writer's unacknowledged write).
    public let repairedTail: AuditError?

    /// Opens the file. For writing, creates it when missing, and cuts off a torn last line (the
    /// unacknowledged write of a crashed writer), noting it in ``repairedTail``.
    /// - Throws: ``AuditError`` `not_found` or `io_error`.
    public init(path: String, create: Bool = true) throws {
        self.path = path
        url = "jsonl:" + path
        if !FileManager.default.fileExists(atPath: path) {
            guard create else { throw AuditError(code: "not_found", message: "no audit file here", location: url) }
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw AuditError(code: "io_error", message: "cannot create the file", location: url)
            }
            Self.syncDirectory(of: path)
            repairedTail = nil
        } else if create {
            repairedTail = try Self.cutTornTail(path: path, url: url)
        } else {
            repairedTail = nil
        }
    }

    /// Appends the batch with one write and one fsync.
    public func append(_ events: [ChainedEvent]) async throws {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(events.count * 700)
        for item in events { bytes += JSONLLine.encode(item) }
        let path = path, url = url, payload = bytes
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            queue.async {
                continuation.resume(with: Result { try Self.appendDurably(payload, path: path, url: url) })
            }
        }
    }

    /// A page of matching events.
    public func page(_ filter: AuditFilter, after: Int64?, limit: Int, descending: Bool) async throws -> [StoredEvent] {
        let lines = try await allLines()
        var events = lines.compactMap { line -> StoredEvent? in
            guard case .event(let stored) = line else { return nil }
            return stored
        }
        if descending { events.reverse() }
        return Array(
            events.lazy.filter { stored in
                guard let after else { return true }
                return descending ? stored.position < after : stored.position > after
            }
            .filter { filter.matches($0.chained.event) }.prefix(limit))
    }

    /// The event with this id.
    public func event(id: String) async throws -> StoredEvent? {
        try await allLines().lazy.compactMap { line -> StoredEvent? in
            guard case .event(let stored) = line, stored.chained.event.id == id else { return nil }
            return stored
        }.first
    }

    /// The anchors left by purges (the last one per chain).
    public func anchors() async throws -> [ChainAnchor] {
        var result: [String: ChainAnchor] = [:]
        for case .anchor(let anchor) in try await allLines() { result[anchor.chain] = anchor }
        return result.values.sorted { $0.chain < $1.chain }
    }

    /// Rewrites the file without the purged prefixes, anchors first (temp file, fsync, rename).
    public func purge(beforeMicros: Int64) async throws -> Int {
        let lines = try await allLines()
        var anchors: [String: ChainAnchor] = [:]
        for case .anchor(let anchor) in lines { anchors[anchor.chain] = anchor }
        var cut: [String: Int64] = [:]
        for case .event(let stored) in lines where stored.chained.event.timeMicros < beforeMicros {
            cut[stored.chained.chain] = max(cut[stored.chained.chain] ?? 0, stored.chained.seq)
        }
        var kept: [UInt8] = []
        var removed = 0
        var removedPerChain: [String: Int64] = [:]
        let now = AuditClock.nowMicros()
        for case .event(let stored) in lines {
            let item = stored.chained
            if let limit = cut[item.chain], item.seq <= limit {
                removed += 1
                removedPerChain[item.chain, default: 0] += 1
                if item.seq == limit {
                    anchors[item.chain] = ChainAnchor(
                        chain: item.chain, seq: item.seq, hash: item.hash, purgedAtMicros: now,
                        purgedCount: anchors[item.chain]?.purgedCount ?? 0)
                }
            } else {
                kept += JSONLLine.encode(item)
            }
        }
        for (chain, count) in removedPerChain { anchors[chain]?.purgedCount += count }
        var output: [UInt8] = []
        for anchor in anchors.values.sorted(by: { $0.chain < $1.chain }) { output += JSONLLine.encode(anchor) }
        output += kept
        let path = path, url = url, contents = output
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            queue.async {
                continuation.resume(with: Result { try Self.replace(path: path, with: contents, url: url) })
            }
        }
        return removed
    }

    /// Nothing to release: each append opens and closes the file.
    public func close() async throws {}

    /// A torn last line, if the file has one (reported by `verify`, never silently skipped).
    public func readWarnings() async throws -> [AuditError] {
        try await parsed().torn.map { [$0] } ?? []
    }

    private func allLines() async throws -> [JSONLLine] { try await parsed().lines }

    private func parsed() async throws -> (lines: [JSONLLine], torn: AuditError?) {
        let path = path, url = url
        return try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result {
                    let data = try Self.readAll(path: path, url: url)
                    if let cache = self.cache, cache.size == data.count { return (cache.lines, cache.torn) }
                    let parsed = try JSONLLine.parse(data, path: path)
                    self.cache = (data.count, parsed.lines, parsed.tornTail)
                    return (parsed.lines, parsed.tornTail)
                })
            }
        }
    }
}
