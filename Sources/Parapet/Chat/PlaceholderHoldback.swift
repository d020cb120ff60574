/// Passes streamed text on at once except for an end that could be the start of a placeholder
/// (`<EMA`, waiting for `IL_1>`), so that restoring pseudonyms piece by piece never misses one cut
/// between two pieces. Used where streamed text is restored without being scanned. Pure logic.
struct PlaceholderHoldback: Sendable, Hashable {
    /// The longest placeholder tail held back (`<CREDIT_CARD_123456` and more).
    static let reach = 48
    private var pending: [UInt8] = []

    /// The text that can be sent now.
    mutating func append(_ text: String) -> String {
        pending.append(contentsOf: text.utf8)
        let cut = Self.openPlaceholder(in: pending) ?? pending.count
        let ready = String(decoding: pending[..<cut], as: UTF8.self)
        pending.removeFirst(cut)
        return ready
    }

    /// Everything still held back; the last call.
    mutating func finish() -> String {
        defer { pending = [] }
        return String(decoding: pending, as: UTF8.self)
    }

    /// The offset of a trailing `<` followed only by placeholder characters (A–Z, 0–9, `_`).
    static func openPlaceholder(in bytes: [UInt8]) -> Int? {
        var index = bytes.count
        let floor = max(0, bytes.count - reach)
        while index > floor {
            index -= 1
            let byte = bytes[index]
            if byte == UInt8(ascii: "<") { return index }
            let placeholderByte = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
            if !placeholderByte { return nil }
        }
        return nil
    }
}
