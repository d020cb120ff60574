import Foundation

/// One line of a JSONL trail: an event with its chain link, or a purge anchor.
enum JSONLLine: Sendable {
    case event(StoredEvent)
    case anchor(ChainAnchor)

    private struct EventLine: Decodable {
        var chain: String
        var seq: Int64
        var prev: String
        var hash: String
        var event: DecisionEvent
    }

    private struct AnchorLine: Codable {
        var chain: String
        var seq: Int64
        var hash: String
        var purged_at_us: Int64
        var purged_count: Int64
    }

    private struct AnyLine: Decodable {
        var anchor: AnchorLine?
    }

    /// The line for a chained event (with its trailing newline).
    static func encode(_ item: ChainedEvent) -> [UInt8] {
        head(chain: item.chain, seq: item.seq, prev: item.prev, hash: item.hash) + item.body + [UInt8(ascii: "}"), UInt8(ascii: "\n")]
    }

    /// An event line up to its event: `{"chain":…,"seq":…,"prev":…,"hash":…,"event":`.
    private static func head(chain: String, seq: Int64, prev: String, hash: String) -> [UInt8] {
        var head = Array(#"{"chain":""#.utf8) + Array(chain.utf8)
        head += Array(#"","seq":"#.utf8) + Array(String(seq).utf8)
        head += Array(#","prev":""#.utf8) + Array(prev.utf8)
        head += Array(#"","hash":""#.utf8) + Array(hash.utf8)
        head += Array(#"","event":"#.utf8)
        return head
    }

    /// The line for a purge anchor.
    static func encode(_ anchor: ChainAnchor) -> [UInt8] {
        var json = CanonicalJSON()
        json.beginObject()
        json.key("anchor"); json.beginObject()
        json.key("chain"); json.value(anchor.chain)
        json.key("seq"); json.value(anchor.seq)
        json.key("hash"); json.value(anchor.hash)
        json.key("purged_at_us"); json.value(anchor.purgedAtMicros)
        json.key("purged_count"); json.value(anchor.purgedCount)
        json.endObject()
        json.endObject()
        return json.bytes + [UInt8(ascii: "\n")]
    }

    /// The event's JSON as the line stores it: the bytes after the canonical line's head
    /// (`{"chain":…,"event":`) up to the closing brace, or the whole line when that head or
    /// brace is not there as written (extra, repeated or reordered fields), so that the verifier
    /// sees any byte of the line that differs from the canonical form.
    private static func storedEvent(_ line: [UInt8], of fields: EventLine) -> [UInt8] {
        let head = head(chain: fields.chain, seq: fields.seq, prev: fields.prev, hash: fields.hash)
        guard line.count > head.count, line.last == UInt8(ascii: "}"), line.starts(with: head) else { return line }
        return Array(line[head.count..<(line.count - 1)])
    }

    /// Parses a whole file. An unreadable line is an error with its line number; a last line
    /// without its line end (a write cut short by a crash, never acknowledged) is left out and
    /// returned as a warning.
    static func parse(_ data: [UInt8], path: String) throws -> (lines: [JSONLLine], tornTail: AuditError?) {
        var result: [JSONLLine] = []
        var lineNumber = 0
        var start = 0
        let decoder = JSONDecoder()
        while start < data.count {
            lineNumber += 1
            guard let end = data[start...].firstIndex(of: UInt8(ascii: "\n")) else {
                let torn = AuditError(
                    code: "torn_line",
                    message: "line \(lineNumber) has no line end (a write cut short, never acknowledged); ignored",
                    location: "\(path):\(lineNumber)")
                return (result, torn)
            }
            let bytes = data[start..<end]
            start = end + 1
            let location = "\(path):\(lineNumber)"
            if let anchor = try? decoder.decode(AnyLine.self, from: Data(bytes)).anchor {
                result.append(.anchor(ChainAnchor(
                    chain: anchor.chain, seq: anchor.seq, hash: anchor.hash, purgedAtMicros: anchor.purged_at_us,
                    purgedCount: anchor.purged_count)))
                continue
            }
            guard let line = try? decoder.decode(EventLine.self, from: Data(bytes)) else {
                throw AuditError(code: "bad_line", message: "line \(lineNumber) is not an audit event", location: location)
            }
            let chained = ChainedEvent(
                chain: line.chain, seq: line.seq, prev: line.prev, hash: line.hash, event: line.event,
                body: storedEvent(Array(bytes), of: line))
            result.append(.event(StoredEvent(position: Int64(lineNumber), chained: chained)))
        }
        return (result, nil)
    }
}
