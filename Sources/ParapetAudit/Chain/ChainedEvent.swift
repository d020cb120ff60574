import ParapetCore
import Crypto
import Foundation

/// An event with its place in a hash chain: which chain, which position, and the hashes that
/// link it to its predecessor.
///
/// `hash = SHA-256("parapet-audit/1\n" + chain + "\n" + seq + "\n" + prev + "\n" + SHA-256(body))`
/// in lowercase hex, where `body` is the event's canonical JSON. The first event of a chain has
/// `seq` 1 and `prev` = 64 zeros. Changing, removing or reordering an event breaks a link.
public struct ChainedEvent: Sendable, Hashable {
    /// The `prev` of a chain's first event.
    public static let genesis = String(repeating: "0", count: 64)

    /// The chain (one per writer instance): a UUID.
    public var chain: String
    /// Position in the chain, from 1.
    public var seq: Int64
    /// The predecessor's hash (``genesis`` for the first).
    public var prev: String
    /// This event's link hash.
    public var hash: String
    /// The event.
    public var event: DecisionEvent {
        didSet { categoriesColumn = Self.categoriesColumn(event.categories) }
    }
    /// The event's JSON exactly as stored: its canonical JSON, as hashed, unless the store was
    /// edited (``ChainVerifier`` compares the two).
    public var body: [UInt8]

    /// Links a sealed event after `prev` at `seq` in `chain`.
    init(sealed: SealedEvent, chain: String, seq: Int64, prev: String) {
        self.chain = chain
        self.seq = seq
        self.prev = prev
        self.event = sealed.event
        self.body = sealed.body
        self.hash = Self.linkHash(chain: chain, seq: seq, prev: prev, contentDigest: sealed.digest)
        self.categoriesColumn = sealed.categoriesColumn
    }

    /// An event read back from a store, with the link fields as stored.
    public init(chain: String, seq: Int64, prev: String, hash: String, event: DecisionEvent, body: [UInt8]) {
        self.chain = chain
        self.seq = seq
        self.prev = prev
        self.hash = hash
        self.event = event
        self.body = body
        self.categoriesColumn = Self.categoriesColumn(event.categories)
    }

    /// The link hash for the given fields.
    public static func linkHash(chain: String, seq: Int64, prev: String, contentDigest: String) -> String {
        var message: [UInt8] = []
        message.reserveCapacity(48 + chain.utf8.count + prev.utf8.count + contentDigest.utf8.count)
        message.append(contentsOf: "parapet-audit/1\n".utf8)
        for (index, field) in [chain, String(seq), prev, contentDigest].enumerated() {
            if index > 0 { message.append(0x0A) }
            message.append(contentsOf: field.utf8)
        }
        return Hex.lowercase(SHA256.hash(data: message))
    }

    /// The hash this event should have, recomputed from its content (canonical re-encoding of
    /// the decoded event, so an edit anywhere in the body shows).
    public var expectedHash: String { expectedHash(canonical: event.canonicalJSON()) }

    /// ``expectedHash`` from the event's canonical JSON, for a caller that has it already.
    func expectedHash(canonical: [UInt8]) -> String {
        Self.linkHash(chain: chain, seq: seq, prev: prev, contentDigest: DecisionEvent.digest(canonical: canonical))
    }

    /// The categories column stores use for filtering: `,a,b,` (empty findings: `,`). Computed
    /// once, in the recording task, so the store's serial write path does not redo it.
    private(set) var categoriesColumn: String

    /// The categories column for these names (a comma inside a name becomes `_`).
    static func categoriesColumn(_ names: [String]) -> String {
        guard !names.isEmpty else { return "," }
        let cleaned = names.map { name in
            name.utf8.contains(UInt8(ascii: ",")) ? String(name.map { $0 == "," ? "_" : $0 }) : name
        }
        return "," + cleaned.joined(separator: ",") + ","
    }
}

/// An event encoded once, off the writer, ready to be linked: body and its digest.
struct SealedEvent: Sendable {
    var event: DecisionEvent
    var body: [UInt8]
    var digest: String
    var categoriesColumn: String

    init(_ event: DecisionEvent) {
        self.event = event
        body = event.canonicalJSON()
        digest = DecisionEvent.digest(canonical: body)
        categoriesColumn = ChainedEvent.categoriesColumn(event.categories)
    }
}

extension ChainedEvent {
    /// The event as one JSON object with its chain fields, the JSONL trail's line format
    /// (without the line end): `{"chain":…,"seq":…,"prev":…,"hash":…,"event":{…}}`.
    public func jsonLine() -> [UInt8] { Array(JSONLLine.encode(self).dropLast()) }
}
