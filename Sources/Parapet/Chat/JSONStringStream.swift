/// Reads streamed tool-call arguments (JSON text in fragments cut anywhere, even inside an
/// escape) and splits them into what lies between the values, passed on as written, and the
/// values the guard reads: the decoded contents of each string value, and numbers.
///
/// Streamed arguments used to be guarded as text: an escape the JSON needs hid a value
/// (`"export PASSWORD=\"…\""`: the password's label never met its value) and a rewrite could
/// swallow the backslash of a `\"`, leaving invalid JSON (QA, 2026-12-02). The answers that are
/// not streamed were fixed with ``ToolArgumentsScan``; this is the same reading for fragments.
///
/// Object keys come whole (``Event/key(object:path:text:raw:)``), to be guarded like values; they also
/// name the value that follows (``Event/open(path:name:)``).
/// The grammar is checked as the bytes come: arguments that do not start with `{` or `[`, and
/// from the first byte that breaks the JSON on (`{to: …}`, `{'a': …}`, text after the closing
/// bracket, nesting deeper than ``JSONParser/maxDepth``), everything is ``Event/text(_:)``, which
/// the caller scans as text, as ``ToolArgumentsScan`` scans arguments that do not parse. So that
/// the text scan sees what belongs with the break, the text between values is held back until the
/// JSON so far is settled (a string value opens, a comma, a closing bracket): a break turns it into
/// text too (`{"password": hunter2}`, `[4111 1111 1111 1111]`; ``Event/beginText``). So does held
/// text when the stream ends before the JSON does (an open key). A stream that ends inside a
/// string ends with ``Event/unterminated(_:)``. Pure logic.
struct JSONStringStream: Sendable {
    /// One piece of the arguments, in order.
    enum Event: Sendable, Hashable {
        /// Text between values (brackets, `true`, whitespace), as written.
        case verbatim(String)
        /// An object key, whole: `object` numbers the object that holds it (in order of opening),
        /// `path` is its member's (`.to`), `text` the key decoded, `raw` the key as written,
        /// quotes included.
        case key(object: Int, path: String, text: String, raw: String)
        /// A string value starts (its opening quote is not part of any event). `path` locates it
        /// as ``ToolArgumentsScan`` does (`.to`, `.items[2].name`); `name` is the member name it
        /// belongs to (for an array's items, the name of the member holding the array).
        case open(path: String, name: String?)
        /// Decoded content of the open string value (whole scalars).
        case content(String)
        /// The open string value ends (its closing quote is not part of any event).
        case close
        /// A number, whole, as written.
        case number(path: String, name: String?, text: String)
        /// The stream ended inside a string value: these bytes of an escape cut at the end, as written.
        case unterminated(String)
        /// The JSON breaks here: the ``text(_:)`` events follow.
        case beginText
        /// Arguments that are not (or stop being) JSON: text, with the escapes that only hide a
        /// character still written (the caller decides how to read them).
        case text(String)
    }

    /// What may come next outside strings.
    private enum Expect { case value, firstValue, key, firstKey, colon, after, end }

    /// One open object or array.
    private struct Container {
        var isObject: Bool
        /// The member name read last (objects) or the name of the member that holds the array.
        var name: String?
        /// The index of the current element (arrays).
        var index = 0
        /// The path of the container itself.
        let prefix: String
        /// The number of the object (objects only), in order of opening.
        var object = 0

        var path: String { isObject ? "\(prefix).\(name ?? "")" : "\(prefix)[\(index)]" }
    }

    private var isText = false
    private var expect = Expect.firstValue
    private var containers: [Container] = []
    /// How many objects were opened.
    private var objects = 0
    private var inKey = false
    private var inValue = false
    private var keyBytes: [UInt8] = []
    /// A number or literal being read (not yet passed on: it may turn out not to be JSON).
    private var token: [UInt8] = []
    /// The start of an escape cut at the end of the last fragment.
    private var pending: [UInt8] = []
    /// Text between values not passed on yet (the JSON so far is not settled): as events, the
    /// bytes of the verbatim text after the last of them (decoded only when whole), and all the
    /// bytes that were read.
    private var held: [Event] = []
    private var heldVerbatim: [UInt8] = []
    private var heldRaw: [UInt8] = []

    /// The longest number or literal read as JSON.
    static let maxToken = 4096

    /// The events of the next fragment.
    mutating func feed(_ fragment: String) -> [Event] {
        var events: [Event] = []
        read(pending + Array(fragment.utf8), into: &events)
        return events
    }

    /// The events at the end of the stream: a number, or what an escape cut at the very end held back.
    mutating func finish() -> [Event] {
        var events: [Event] = []
        if !isText {
            if !token.isEmpty, let event = tokenEvent(token) {
                hold(event, raw: token)
                token = []
                expect = .after
            }
            // Held text is JSON only when the JSON is whole (or ends inside a string value, whose
            // text was guarded); otherwise it is text, as the unstreamed guard reads it.
            if token.isEmpty, !inKey, containers.isEmpty || inValue {
                settle(into: &events)
            } else {
                breakJSON(into: &events)
            }
        }
        if !pending.isEmpty {
            let rest = String(decoding: pending, as: UTF8.self)
            events.append(isText ? .text(rest) : inValue ? .unterminated(rest) : .verbatim(rest))
            pending = []
        }
        return events
    }

    private mutating func read(_ bytes: [UInt8], into events: inout [Event]) {
        pending = []
        var content: [UInt8] = []
        func flushContent() {
            if !content.isEmpty { events.append(.content(String(decoding: content, as: UTF8.self))) }
            content = []
        }
        var i = 0
        while i < bytes.count {
            if isText {
                events.append(.text(String(decoding: bytes[i...], as: UTF8.self)))
                return
            }
            let byte = bytes[i]
            if inValue {
                var length = 1
                if byte == UInt8(ascii: "\"") {
                    flushContent()
                    events.append(.close)
                    inValue = false
                    expect = .after
                } else if byte == UInt8(ascii: "\\") {
                    guard let (decoded, escapeLength) = Self.escape(bytes, at: i) else {
                        pending = Array(bytes[i...])
                        break
                    }
                    content.append(contentsOf: decoded)
                    length = escapeLength
                } else {
                    content.append(byte)
                }
                i += length
                continue
            }
            if inKey {
                if byte == UInt8(ascii: "\\"), i + 1 == bytes.count {
                    pending = [byte]
                    break
                }
                let length = byte == UInt8(ascii: "\\") ? 2 : 1
                // Only in the raw bytes for now: the key comes out whole, as one event.
                heldRaw.append(contentsOf: bytes[i..<i + length])
                i += length
                if byte == UInt8(ascii: "\"") {
                    inKey = false
                    let name = Self.decodedKey(keyBytes)
                    containers[containers.count - 1].name = name
                    closeHeldVerbatim()
                    let raw = String(decoding: [UInt8(ascii: "\"")] + keyBytes + [UInt8(ascii: "\"")], as: UTF8.self)
                    let container = containers[containers.count - 1]
                    held.append(.key(object: container.object, path: container.path, text: name, raw: raw))
                    expect = .colon
                } else {
                    // However long: a limit would make the rest text here and JSON unstreamed (QA).
                    keyBytes.append(contentsOf: bytes[(i - length)..<i])
                }
                continue
            }
            if Self.isTokenByte(byte), expect == .value || expect == .firstValue || !token.isEmpty {
                // A value deeper than the parser reads makes the arguments text, as unstreamed.
                if token.isEmpty, containers.count >= JSONParser.maxDepth || containers.isEmpty {
                    breakJSON(into: &events)
                    continue
                }
                token.append(byte)
                i += 1
                if token.count > Self.maxToken { breakJSON(into: &events) }
                continue
            }
            if !token.isEmpty {
                guard let event = tokenEvent(token) else {
                    breakJSON(into: &events)
                    continue
                }
                hold(event, raw: token)
                token = []
                expect = .after
            }
            if Self.isWhitespace(byte) {
                holdVerbatim(bytes[i...i])
                i += 1
                continue
            }
            guard let opensValue = structural(byte) else {
                breakJSON(into: &events)
                continue
            }
            if opensValue {
                settle(into: &events)
                inValue = true
                events.append(.open(path: containers.last?.path ?? "", name: containers.last?.name))
            } else if inKey {
                heldRaw.append(byte)  // a key's opening quote: the key comes out whole
            } else {
                holdVerbatim(bytes[i...i])
                if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") { settle(into: &events) }
            }
            i += 1
        }
        flushContent()
    }

    /// Holds text between values until the JSON so far is settled (bytes: a key's UTF-8
    /// sequences come a byte at a time, and are decoded once whole).
    private mutating func holdVerbatim(_ bytes: ArraySlice<UInt8>) {
        heldVerbatim.append(contentsOf: bytes)
        heldRaw.append(contentsOf: bytes)
    }

    /// Holds a number or literal until the JSON so far is settled.
    private mutating func hold(_ event: Event, raw: [UInt8]) {
        if case .verbatim = event {
            holdVerbatim(raw[...])
        } else {
            closeHeldVerbatim()
            held.append(event)
            heldRaw.append(contentsOf: raw)
        }
    }

    /// Turns the verbatim bytes held last into an event (at an ASCII byte, so whole characters).
    private mutating func closeHeldVerbatim() {
        guard !heldVerbatim.isEmpty else { return }
        held.append(.verbatim(String(decoding: heldVerbatim, as: UTF8.self)))
        heldVerbatim = []
    }

    /// Passes on what was held: the JSON up to here is valid.
    private mutating func settle(into events: inout [Event]) {
        closeHeldVerbatim()
        events.append(contentsOf: held)
        held = []
        heldRaw = []
    }

    /// The JSON breaks: the held text and the token being read become the start of the text.
    private mutating func breakJSON(into events: inout [Event]) {
        isText = true
        inKey = false
        events.append(.beginText)
        let text = heldRaw + token
        held = []
        heldVerbatim = []
        heldRaw = []
        token = []
        if !text.isEmpty { events.append(.text(String(decoding: text, as: UTF8.self))) }
    }

    /// Reads a byte outside strings and tokens: nil when it breaks the JSON, true when it opens a
    /// string value.
    private mutating func structural(_ byte: UInt8) -> Bool? {
        switch (byte, expect) {
        case (UInt8(ascii: "{"), .value), (UInt8(ascii: "{"), .firstValue), (UInt8(ascii: "["), .value), (UInt8(ascii: "["), .firstValue):
            guard containers.count < JSONParser.maxDepth else { return nil }
            let isObject = byte == UInt8(ascii: "{")
            let name = isObject ? nil : containers.last?.name
            containers.append(Container(isObject: isObject, name: name, prefix: containers.last?.path ?? "", object: objects))
            if isObject { objects += 1 }
            expect = isObject ? .firstKey : .firstValue
        case (UInt8(ascii: "}"), .firstKey), (UInt8(ascii: "}"), .after):
            guard containers.last?.isObject == true else { return nil }
            close()
        case (UInt8(ascii: "]"), .firstValue), (UInt8(ascii: "]"), .after):
            guard containers.last?.isObject == false else { return nil }
            close()
        case (UInt8(ascii: ","), .after):
            guard let last = containers.last else { return nil }
            if last.isObject {
                containers[containers.count - 1].name = nil
                expect = .key
            } else {
                containers[containers.count - 1].index += 1
                expect = .value
            }
        case (UInt8(ascii: ":"), .colon):
            expect = .value
        case (UInt8(ascii: "\""), .key), (UInt8(ascii: "\""), .firstKey):
            inKey = true
            keyBytes = []
        case (UInt8(ascii: "\""), .value), (UInt8(ascii: "\""), .firstValue):
            // A top-level string is not arguments: only inside an object or array, and no deeper
            // than the parser reads.
            guard !containers.isEmpty, containers.count < JSONParser.maxDepth else { return nil }
            return true
        default:
            return nil
        }
        return false
    }

    private mutating func close() {
        containers.removeLast()
        expect = containers.isEmpty ? .end : .after
    }

    /// A finished number or literal: nil when it is neither (or stands where no value may).
    private func tokenEvent(_ bytes: [UInt8]) -> Event? {
        let text = String(decoding: bytes, as: UTF8.self)
        guard !containers.isEmpty else { return nil }
        if ["true", "false", "null"].contains(text) { return .verbatim(text) }
        guard Self.isNumber(bytes) else { return nil }
        return .number(path: containers.last?.path ?? "", name: containers.last?.name, text: text)
    }

    /// JSON's number grammar as ``JSONParser`` reads it: `-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    static func isNumber(_ bytes: [UInt8]) -> Bool {
        var i = 0
        func digits() -> Int {
            let start = i
            while i < bytes.count, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") { i += 1 }
            return i - start
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
        // Leading zeros are taken, as ``JSONParser`` takes them (`0123`), so both paths agree.
        guard digits() > 0 else { return false }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard digits() > 0 else { return false }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0 else { return false }
        }
        return i == bytes.count
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

    /// A byte of a number or of `true`/`false`/`null` (and of what only looks like one).
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".")
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}
