/// Splits a `text/event-stream` body into the `data` payloads of its events.
///
/// Follows the WHATWG event-stream rules that matter for chat completions: lines end in LF,
/// CRLF or CR; a blank line ends an event; `data:` lines (one optional space after the colon)
/// are joined with LF; comments (`:`) and other fields (`event`, `id`, `retry`) are ignored.
public struct ServerSentEventParser: Sendable {
    private var line: [UInt8] = []
    private var data: [String] = []
    private var hasData = false
    private var lastWasCR = false

    /// Creates a parser.
    public init() {}

    /// Feeds bytes; returns the data of every event they completed.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [String] {
        var events: [String] = []
        for byte in bytes {
            if lastWasCR {
                lastWasCR = false
                if byte == 0x0A { continue }
            }
            if byte == 0x0A || byte == 0x0D {
                lastWasCR = byte == 0x0D
                if let event = endLine() { events.append(event) }
            } else {
                line.append(byte)
            }
        }
        return events
    }

    /// Whether bytes of an unfinished event are pending (a stream that stops here was cut short).
    public var hasPendingEvent: Bool { hasData || !line.isEmpty }

    private mutating func endLine() -> String? {
        defer { line.removeAll(keepingCapacity: true) }
        if line.isEmpty {
            guard hasData else { return nil }
            let event = data.joined(separator: "\n")
            data.removeAll()
            hasData = false
            return event
        }
        if line.first == UInt8(ascii: ":") { return nil }
        let colon = line.firstIndex(of: UInt8(ascii: ":")) ?? line.endIndex
        guard line[..<colon].elementsEqual("data".utf8) else { return nil }
        var valueStart = colon == line.endIndex ? colon : line.index(after: colon)
        if valueStart < line.endIndex, line[valueStart] == UInt8(ascii: " ") { valueStart += 1 }
        data.append(String(decoding: line[valueStart...], as: UTF8.self))
        hasData = true
        return nil
    }
}
