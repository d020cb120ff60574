/// The last committed event of a chain, as a store records it in the same transaction as the
/// events themselves, so that a cut tail (the newest events deleted) is detected by
/// ``ChainVerifier`` and not only a gap in the middle.
public struct ChainHead: Sendable, Hashable, Codable {
    /// The chain.
    public var chain: String
    /// The sequence number of its last committed event.
    public var seq: Int64
    /// That event's hash.
    public var hash: String

    /// Creates a head record.
    public init(chain: String, seq: Int64, hash: String) {
        self.chain = chain
        self.seq = seq
        self.hash = hash
    }

    /// The head of each chain after appending `events` (the last event of each chain in the batch).
    static func after(_ events: [ChainedEvent]) -> [ChainHead] {
        var heads: [String: ChainHead] = [:]
        for event in events where event.seq > (heads[event.chain]?.seq ?? Int64.min) {
            heads[event.chain] = ChainHead(chain: event.chain, seq: event.seq, hash: event.hash)
        }
        return heads.values.sorted { $0.chain < $1.chain }
    }
}
