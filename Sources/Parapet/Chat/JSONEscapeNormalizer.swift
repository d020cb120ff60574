/// Writes the escapes in JSON string text that only hide a character (`\u003c` for `<`, `\u0040`
/// for `@`, `\/` for `/`, a surrogate pair for an emoji) as the character itself, so that the
/// guard reads tool-call arguments as the client will decode them.
///
/// Tool-call arguments are JSON text inside a JSON string. Servers that write them with Go's
/// `encoding/json` (Ollama) escape `<`, `>` and `&`, so `{"to":"\u003cEMAIL_1\u003e"}` was not
/// restored and `mary\u0040corp.example` passed the output rules (QA, 2026-12-02). The decoded
/// value is the same either way. Escapes that JSON requires (`\"`, `\\`, control characters, a
/// lone surrogate) stay as written. Streamed arguments come in fragments: an escape cut at the end
/// of one is held back until the next (``feed(_:)``) or the end (``finish()``).
struct JSONEscapeNormalizer: Sendable {
    /// The start of an escape the last fragment ended in.
    private var pending: [UInt8] = []

    /// `text` normalized in one piece.
    static func normalize(_ text: String) -> String {
        var normalizer = JSONEscapeNormalizer()
        return normalizer.feed(text) + normalizer.finish()
    }

    /// The next fragment, normalized, without an escape it ends in (kept for the next call).
    mutating func feed(_ fragment: String) -> String {
        let bytes = pending + Array(fragment.utf8)
        pending = []
        guard bytes.contains(UInt8(ascii: "\\")) else { return String(decoding: bytes, as: UTF8.self) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "\\") else {
                output.append(bytes[i])
                i += 1
                continue
            }
            guard i + 1 < bytes.count else { pending = Array(bytes[i...]); break }
            switch bytes[i + 1] {
            case UInt8(ascii: "/"):
                output.append(UInt8(ascii: "/"))
                i += 2
            case UInt8(ascii: "u"):
                switch Self.unicodeEscape(bytes, at: i) {
                case .incomplete:  // cut at the end of the fragment: wait for the rest
                    pending = Array(bytes[i...])
                    i = bytes.count
                case .invalid:
                    output.append(contentsOf: bytes[i..<i + 2])
                    i += 2
                case .escape(let scalar, let length):
                    if let scalar, !Self.mustStayEscaped(scalar) {
                        output.append(contentsOf: Array(String(Character(scalar)).utf8))
                    } else {
                        output.append(contentsOf: bytes[i..<i + length])
                    }
                    i += length
                }
            default:
                output.append(contentsOf: bytes[i..<i + 2])
                i += 2
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// What was held back, as written (a stream that ends inside an escape); the last call.
    func finish() -> String {
        String(decoding: pending, as: UTF8.self)
    }

    /// A JSON-required escape: the quote, the backslash and the control characters.
    private static func mustStayEscaped(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || scalar == "\"" || scalar == "\\"
    }

    /// What a `\u` at some position starts.
    enum UnicodeEscape {
        /// The bytes end before it can be read (or, after a high surrogate, before its pair can).
        case incomplete
        /// Not four hex digits: left as written.
        case invalid
        /// Its scalar (nil for a lone surrogate, which stays written) and its length in bytes.
        case escape(Unicode.Scalar?, Int)
    }

    static func unicodeEscape(_ bytes: [UInt8], at i: Int) -> UnicodeEscape {
        if i + 6 > bytes.count { return isPrefixOfEscape(bytes[(i + 2)...]) ? .incomplete : .invalid }
        guard let high = hex4(bytes, at: i + 2) else { return .invalid }
        if (0xDC00...0xDFFF).contains(high) { return .escape(nil, 6) }
        guard (0xD800...0xDBFF).contains(high) else { return .escape(Unicode.Scalar(high), 6) }
        // A high surrogate: a pair only with `\u` and a low surrogate right after it.
        let next = bytes[(i + 6)...]
        if next.count < 6 {
            let couldPair = next.isEmpty || (next.first == UInt8(ascii: "\\")
                && (next.count < 2 || next[i + 7] == UInt8(ascii: "u")) && isPrefixOfEscape(next.dropFirst(2)))
            return couldPair ? .incomplete : .escape(nil, 6)
        }
        guard next[i + 6] == UInt8(ascii: "\\"), next[i + 7] == UInt8(ascii: "u"), let low = hex4(bytes, at: i + 8),
            (0xDC00...0xDFFF).contains(low)
        else { return .escape(nil, 6) }
        return .escape(Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)), 12)
    }

    /// Whether these bytes (fewer than four) could begin the four hex digits of an escape.
    private static func isPrefixOfEscape(_ digits: ArraySlice<UInt8>) -> Bool {
        digits.count < 4 && digits.allSatisfy { JSONParser.hexDigit($0) != nil }
    }

    private static func hex4(_ bytes: [UInt8], at i: Int) -> UInt32? {
        guard i + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for byte in bytes[i..<i + 4] {
            guard let digit = JSONParser.hexDigit(byte) else { return nil }
            value = value << 4 | digit
        }
        return value
    }
}
