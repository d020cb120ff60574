/// Reads streamed tool-call arguments (JSON text in fragments cut anywhere, even inside an
/// escape) and splits them into what lies between string values, passed on as written, and the
/// decoded contents of each string value, so that the guard reads every value as the client will
/// decode it and the caller can encode it again.
///
/// Streamed arguments used to be guarded as text: an escape the JSON needs hid a value
/// (`"export PASSWORD=\"…\""`: the password's label never met its value) and a rewrite could
/// swallow the backslash of a `\"`, leaving invalid JSON (QA, 2026-12-02). The answers that are
/// not streamed were fixed with ``ToolArgumentsScan``; this is the same reading for fragments.
///
/// Object keys pass as written (they name the value that follows: ``Event/open(path:name:)``).
/// Arguments that do not start with `{` or `[` are not JSON (a server that streams plain text):
/// everything is then ``Event/text(_:)``. Malformed JSON never stops the reader: a stray bracket
/// passes as written, an invalid escape is kept as its two characters, and a stream that ends
/// inside a string ends with ``Event/unterminated(_:)``. Pure logic.
struct JSONStringStream: Sendable {
    /// One piece of the arguments, in order.
    enum Event: Sendable, Hashable {
        /// Text outside string values (brackets, keys, numbers, whitespace), as written.
        case verbatim(String)
        /// A string value starts (its opening quote is not part of any event). `path` locates it
        /// as ``ToolArgumentsScan`` does (`.to`, `.items[2].name`); `name` is its member name.
        case open(path: String, name: String?)
        /// Decoded content of the open string value (whole scalars).
        case content(String)
        /// The open string value ends (its closing quote is not part of any event).
        case close
        /// The stream ended inside a string value: these bytes of an escape cut at the end, as written.
        case unterminated(String)
        /// Arguments that are not a JSON object or array: text, with the escapes that only hide a
        /// character still written (the caller decides how to read them).
        case text(String)
    }

    private enum Mode { case undecided, json, text }

    /// One open object or array.
    private enum Container {
        /// An object: the member name read last, and whether the next string is a key.
        case object(name: String?, expectingKey: Bool)
        /// An array: the index of the current element.
        case array(index: Int)
    }

    private var mode = Mode.undecided
    private var containers: [Container] = []
    /// Inside a key (raw bytes kept for its name) or a value string.
    private var inKey = false
    private var inValue = false
    private var keyBytes: [UInt8] = []
    /// The start of an escape (or a whole escape waiting for its surrogate pair) cut at the end of
    /// the last fragment.
    private var pending: [UInt8] = []

    /// The events of the next fragment.
    mutating func feed(_ fragment: String) -> [Event] {
        let bytes = pending + Array(fragment.utf8)
        pending = []
        var events: [Event] = []
        var verbatim: [UInt8] = []
        var content: [UInt8] = []
        func flushVerbatim() {
            if !verbatim.isEmpty { events.append(.verbatim(String(decoding: verbatim, as: UTF8.self))) }
            verbatim = []
        }
        func flushContent() {
            if !content.isEmpty { events.append(.content(String(decoding: content, as: UTF8.self))) }
            content = []
        }
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            switch mode {
            case .text:
                events.append(.text(String(decoding: bytes[i...], as: UTF8.self)))
                return events
            case .undecided:
                if Self.isWhitespace(byte) {
                    verbatim.append(byte)
                    i += 1
                    continue
                }
                mode = byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") ? .json : .text
                flushVerbatim()
                continue
            case .json:
                break
            }
            if inValue {
                if byte == UInt8(ascii: "\"") {
                    flushContent()
                    events.append(.close)
                    inValue = false
                    i += 1
                } else if byte == UInt8(ascii: "\\") {
                    guard let (decoded, length) = Self.escape(bytes, at: i) else {
                        flushContent()
                        pending = Array(bytes[i...])
                        return events
                    }
                    content.append(contentsOf: decoded)
                    i += length
                } else {
                    content.append(byte)
                    i += 1
                }
                continue
            }
            verbatim.append(byte)
            i += 1
            if inKey {
                if byte == UInt8(ascii: "\\"), i < bytes.count {
                    verbatim.append(bytes[i])
                    keyBytes.append(contentsOf: [byte, bytes[i]])
                    i += 1
                } else if byte == UInt8(ascii: "\\") {
                    verbatim.removeLast()
                    pending = [byte]
                } else if byte == UInt8(ascii: "\"") {
                    inKey = false
                    setName(Self.decodedKey(keyBytes))
                } else {
                    keyBytes.append(byte)
                }
                continue
            }
            if structural(byte) {
                verbatim.removeLast()  // the quote is the caller's to write
                flushVerbatim()
                inValue = true
                events.append(.open(path: path, name: memberName))
            }
        }
        flushVerbatim()
        flushContent()
        return events
    }

    /// The events at the end of the stream: what an escape cut at the very end held back.
    mutating func finish() -> [Event] {
        defer { pending = [] }
        guard !pending.isEmpty else { return [] }
        let rest = String(decoding: pending, as: UTF8.self)
        if mode == .text { return [.text(rest)] }
        return inValue ? [.unterminated(rest)] : [.verbatim(rest)]
    }

    /// Reads a byte outside every string; true when it opens a string value.
    private mutating func structural(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "{"):
            containers.append(.object(name: nil, expectingKey: true))
        case UInt8(ascii: "["):
            containers.append(.array(index: 0))
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
            if !containers.isEmpty { containers.removeLast() }
        case UInt8(ascii: ","):
            switch containers.last {
            case .object?: containers[containers.count - 1] = .object(name: nil, expectingKey: true)
            case .array(let index)?: containers[containers.count - 1] = .array(index: index + 1)
            case nil: break
            }
        case UInt8(ascii: ":"):
            if case .object(let name, _)? = containers.last { containers[containers.count - 1] = .object(name: name, expectingKey: false) }
        case UInt8(ascii: "\""):
            if case .object(_, true)? = containers.last {
                inKey = true
                keyBytes = []
            } else {
                return true
            }
        default:
            break
        }
        return false
    }

    private mutating func setName(_ name: String) {
        if case .object(_, let expecting)? = containers.last { containers[containers.count - 1] = .object(name: name, expectingKey: expecting) }
    }

    /// The location of the value being read, as ``ToolArgumentsScan`` writes it.
    private var path: String {
        containers.map { container in
            switch container {
            case .object(let name, _): ".\(name ?? "")"
            case .array(let index): "[\(index)]"
            }
        }.joined()
    }

    /// The member name of the value being read, if it is a member's value.
    private var memberName: String? {
        if case .object(let name, _)? = containers.last { return name }
        return nil
    }

    /// The decoded bytes of the escape at `i` and its length, or nil when the bytes end before
    /// it can be read. An invalid escape is kept as its two characters.
    private static func escape(_ bytes: [UInt8], at i: Int) -> ([UInt8], Int)? {
        guard i + 1 < bytes.count else { return nil }
        let simple: [UInt8: UInt8] = [
            UInt8(ascii: "\""): UInt8(ascii: "\""), UInt8(ascii: "\\"): UInt8(ascii: "\\"), UInt8(ascii: "/"): UInt8(ascii: "/"),
            UInt8(ascii: "b"): 0x08, UInt8(ascii: "f"): 0x0C, UInt8(ascii: "n"): 0x0A, UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09,
        ]
        if let decoded = simple[bytes[i + 1]] { return ([decoded], 2) }
        guard bytes[i + 1] == UInt8(ascii: "u") else { return (Array(bytes[i..<i + 2]), 2) }
        switch JSONEscapeNormalizer.unicodeEscape(bytes, at: i) {
        case .incomplete: return nil
        case .invalid: return (Array(bytes[i..<i + 2]), 2)
        case .escape(let scalar, let length):
            // A lone surrogate has no UTF-8 spelling: it reads as U+FFFD, as in most JSON readers.
            return (Array(String(Character(scalar ?? "\u{FFFD}")).utf8), length)
        }
    }

    /// A key's name from its raw bytes (escapes decoded).
    private static func decodedKey(_ raw: [UInt8]) -> String {
        var decoded: [UInt8] = []
        var i = 0
        while i < raw.count {
            if raw[i] == UInt8(ascii: "\\"), let (bytes, length) = escape(raw, at: i) {
                decoded.append(contentsOf: bytes)
                i += length
            } else {
                decoded.append(raw[i])
                i += 1
            }
        }
        return String(decoding: decoded, as: UTF8.self)
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}
