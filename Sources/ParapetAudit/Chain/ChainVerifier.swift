/// Checks every chain in a store: contiguous sequence numbers, each `prev` equal to the
/// predecessor's hash, each hash equal to the one recomputed from the event, the stored bytes
/// equal to the event's canonical JSON (so an added or repeated field shows too), the filter
/// columns equal to the body, and, where the store records chain heads, that each chain ends
/// where its head says (so deleting the newest events is caught too). Stops at the first
/// broken link.
public struct ChainVerifier: Sendable {
    /// Creates a verifier.
    public init() {}

    /// Verifies the whole store.
    public func verify(_ store: any AuditStore) async throws -> VerifyReport {
        var anchors: [String: ChainAnchor] = [:]
        for anchor in try await store.anchors() { anchors[anchor.chain] = anchor }
        var state: [String: ChainState] = [:]
        var total = 0
        var problem: ChainProblem?
        var missingSeq: Int64?  // the sequence a gap lacks, watched for in the rest of the store
        try await store.forEach { stored in
            guard problem == nil else {
                // A gap whose missing event turns up later was a reordering, not a deletion.
                if let gap = problem, let missing = missingSeq, stored.chained.chain == gap.chain,
                    stored.chained.seq == missing
                {
                    problem?.kind = .outOfOrder
                    problem?.detail = "sequence \(missing) is stored after \(gap.seq): events reordered"
                    missingSeq = nil
                }
                return
            }
            total += 1
            let item = stored.chained
            let time = item.event.timeMicros
            let previous = state[item.chain]
                ?? ChainState(
                    seq: anchors[item.chain]?.seq ?? 0, hash: anchors[item.chain]?.hash ?? ChainedEvent.genesis, count: 0,
                    firstMicros: time, lastMicros: time, lastEventID: "", lastPosition: 0)
            func broken(_ kind: ChainProblem.Kind, _ detail: String) {
                problem = ChainProblem(
                    kind: kind, chain: item.chain, seq: item.seq, eventID: item.event.id, position: stored.position,
                    detail: detail)
            }
            let canonical = item.event.canonicalJSON()
            let expectedHash = item.expectedHash(canonical: canonical)
            if item.seq != previous.seq + 1 {
                if item.seq > previous.seq + 1 {
                    broken(.missingSequence, "expected sequence \(previous.seq + 1), found \(item.seq): events deleted")
                    missingSeq = previous.seq + 1
                } else {
                    broken(.outOfOrder, "sequence \(item.seq) after \(previous.seq): events reordered or duplicated")
                }
            } else if item.prev != previous.hash {
                broken(.prevMismatch, "prev \(item.prev.prefix(12))… is not the predecessor's hash \(previous.hash.prefix(12))…")
            } else if item.hash != expectedHash {
                broken(.hashMismatch, "stored hash \(item.hash.prefix(12))… but the event hashes to \(expectedHash.prefix(12))…: event modified")
            } else if item.body != canonical {
                broken(.notCanonical, "the stored event is not the canonical JSON of what it decodes to (a field added, repeated or rewritten): event modified")
            } else if let column = stored.columnMismatch {
                broken(.columnMismatch, "column \(column) disagrees with the event body: row modified")
            }
            state[item.chain] = ChainState(
                seq: item.seq, hash: item.hash, count: previous.count + 1, firstMicros: min(previous.firstMicros, time),
                lastMicros: max(previous.lastMicros, time), lastEventID: item.event.id, lastPosition: stored.position)
        }
        if problem == nil, let heads = try await store.heads() {
            problem = Self.checkHeads(heads, state: state, anchors: anchors)
        }
        if problem == nil { problem = Self.checkAnchors(anchors) }
        var chains = state.map { chain, value in
            ChainSummary(
                chain: chain, firstSeq: value.seq - Int64(value.count) + 1, lastSeq: value.seq, events: value.count,
                head: value.hash, anchoredAt: anchors[chain]?.seq, firstMicros: value.firstMicros, lastMicros: value.lastMicros)
        }
        // A chain purged entirely still has a head to keep and compare: its anchor.
        for (chain, anchor) in anchors where state[chain] == nil {
            chains.append(ChainSummary(
                chain: chain, firstSeq: anchor.seq + 1, lastSeq: anchor.seq, events: 0, head: anchor.hash, anchoredAt: anchor.seq,
                firstMicros: anchor.purgedAtMicros, lastMicros: anchor.purgedAtMicros))
        }
        chains.sort { ($0.firstMicros, $0.chain) < ($1.firstMicros, $1.chain) }
        return VerifyReport(events: total, chains: chains, problem: problem, warnings: try await store.readWarnings())
    }
}

extension ChainVerifier {
    /// The first anchor whose count disagrees with its sequence. Purges remove prefixes and
    /// sequences start at 1, so an anchor that resumes after sequence `S` has purged exactly `S`
    /// events; any other count means the anchor was edited or events were deleted before the purge.
    fileprivate static func checkAnchors(_ anchors: [String: ChainAnchor]) -> ChainProblem? {
        for anchor in anchors.values.sorted(by: { $0.chain < $1.chain }) where anchor.purgedCount != anchor.seq {
            return ChainProblem(
                kind: .anchorMismatch, chain: anchor.chain, seq: anchor.seq, eventID: "", position: 0,
                detail: "the purge anchor resumes after sequence \(anchor.seq) but records \(anchor.purgedCount) purged event(s): anchor modified, or events deleted before the purge")
        }
        return nil
    }

    /// The first chain that does not end where its head record says, if any.
    fileprivate static func checkHeads(
        _ heads: [ChainHead], state: [String: ChainState], anchors: [String: ChainAnchor]
    ) -> ChainProblem? {
        let byChain = Dictionary(heads.map { ($0.chain, $0) }, uniquingKeysWith: { first, _ in first })
        for head in heads.sorted(by: { $0.chain < $1.chain }) {
            guard let chain = state[head.chain] else {
                // Every event purged: the anchor must be the head.
                if let anchor = anchors[head.chain], anchor.seq == head.seq, anchor.hash == head.hash { continue }
                return ChainProblem(
                    kind: .truncated, chain: head.chain, seq: head.seq, eventID: "", position: 0,
                    detail: "no events left, but the chain's head record says it reached sequence \(head.seq): events deleted")
            }
            func problem(_ kind: ChainProblem.Kind, _ detail: String) -> ChainProblem {
                ChainProblem(
                    kind: kind, chain: head.chain, seq: chain.seq, eventID: chain.lastEventID, position: chain.lastPosition,
                    detail: detail)
            }
            if chain.seq < head.seq {
                let missing = head.seq - chain.seq
                return problem(
                    .truncated,
                    "the chain ends at sequence \(chain.seq) but its head record says \(head.seq): the newest \(missing) event(s) were deleted")
            }
            if chain.seq > head.seq || chain.hash != head.hash {
                return problem(
                    .headMismatch,
                    "the chain ends at sequence \(chain.seq) (\(chain.hash.prefix(12))…) but its head record says \(head.seq) (\(head.hash.prefix(12))…): head or events modified")
            }
        }
        for (chain, value) in state.sorted(by: { $0.key < $1.key }) where byChain[chain] == nil {
            return ChainProblem(
                kind: .headMismatch, chain: chain, seq: value.seq, eventID: value.lastEventID, position: value.lastPosition,
                detail: "the chain has no head record: head deleted or events inserted")
        }
        return nil
    }
}

/// Where a chain stands while it is being verified.
private struct ChainState {
    var seq: Int64
    var hash: String
    var count: Int
    var firstMicros: Int64
    var lastMicros: Int64
    var lastEventID: String
    var lastPosition: Int64
}

/// What ``ChainVerifier`` found.
public struct VerifyReport: Sendable, Hashable {
    /// Events checked.
    public var events: Int
    /// Each chain seen, with its head (last hash): keep heads elsewhere to detect a cut tail.
    public var chains: [ChainSummary]
    /// The first broken link, or `nil` when every chain verifies.
    public var problem: ChainProblem?
    /// What was read but left out, such as a torn last line of a JSONL trail.
    public var warnings: [AuditError] = []

    /// Whether every chain verified.
    public var ok: Bool { problem == nil }
}

/// One chain in a verify report.
public struct ChainSummary: Sendable, Hashable {
    /// The chain id.
    public var chain: String
    /// First sequence number present.
    public var firstSeq: Int64
    /// Last sequence number present.
    public var lastSeq: Int64
    /// Events present.
    public var events: Int
    /// The last event's hash.
    public var head: String
    /// The sequence a purge cut the chain at, if it was purged.
    public var anchoredAt: Int64?
    /// Time of the first event present.
    public var firstMicros: Int64
    /// Time of the last event present.
    public var lastMicros: Int64
}

/// The first broken link: where, and what is wrong.
public struct ChainProblem: Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public enum Kind: String, Sendable, Hashable {
        /// A sequence number is missing (an event deleted).
        case missingSequence = "missing_sequence"
        /// A sequence number went backwards or repeated (events reordered or duplicated).
        case outOfOrder = "out_of_order"
        /// `prev` is not the predecessor's hash.
        case prevMismatch = "prev_mismatch"
        /// The stored hash is not the event's hash (the event was modified).
        case hashMismatch = "hash_mismatch"
        /// The stored bytes are not the canonical JSON of the event they decode to: a field was
        /// added, repeated or rewritten in a way the decoded event does not show, but readers of
        /// the stored bytes (`show`, `export`) would.
        case notCanonical = "not_canonical"
        /// A filter column disagrees with the body.
        case columnMismatch = "column_mismatch"
        /// A chain ends before its head record: its newest events were deleted.
        case truncated = "truncated"
        /// A chain's last event disagrees with its head record, or it has none.
        case headMismatch = "head_mismatch"
        /// A purge anchor's count disagrees with the sequence it resumes after.
        case anchorMismatch = "anchor_mismatch"
    }

    /// What is wrong.
    public var kind: Kind
    /// The chain.
    public var chain: String
    /// The sequence number of the event where the chain breaks.
    public var seq: Int64
    /// That event's id.
    public var eventID: String
    /// Its position in the store.
    public var position: Int64
    /// A one-line explanation.
    public var detail: String

    /// `chain C seq N (event ID): [kind] detail`.
    public var description: String { "chain \(chain) seq \(seq) (event \(eventID)): [\(kind.rawValue)] \(detail)" }
}
