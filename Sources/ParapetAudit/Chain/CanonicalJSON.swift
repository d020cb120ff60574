import ParapetCore

/// A deterministic JSON writer: keys in the order written, no whitespace, fixed escapes, and
/// doubles in Swift's shortest round-trip form, so the same event always gives the same bytes.
struct CanonicalJSON {
    private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = []

    init() { bytes.reserveCapacity(1_024) }

    mutating func beginObject() { separator(); bytes.append(UInt8(ascii: "{")); needsComma.append(false) }
    mutating func endObject() { bytes.append(UInt8(ascii: "}")); needsComma.removeLast() }
    mutating func beginArray() { separator(); bytes.append(UInt8(ascii: "[")); needsComma.append(false) }
    mutating func endArray() { bytes.append(UInt8(ascii: "]")); needsComma.removeLast() }

    /// Writes `"key":` inside an object.
    mutating func key(_ key: String) {
        separator()
        string(key, asValue: false)
        bytes.append(UInt8(ascii: ":"))
        if !needsComma.isEmpty { needsComma[needsComma.count - 1] = false }
    }

    mutating func value(_ text: String) { separator(); string(text, asValue: false) }
    mutating func value(_ number: Int64) { separator(); bytes.append(contentsOf: String(number).utf8) }
    mutating func value(_ number: Int) { value(Int64(number)) }
    mutating func value(_ number: Double) {
        separator()
        let finite = number.isFinite ? number : 0
        if finite == finite.rounded(), abs(finite) < 1e15 {
            bytes.append(contentsOf: String(Int64(finite)).utf8)
        } else {
            bytes.append(contentsOf: finite.description.utf8)
        }
    }

    /// Writes `"key":value` pairs for non-nil values.
    mutating func field(_ name: String, _ text: String?) { if let text { key(name); value(text) } }
    mutating func field(_ name: String, _ number: Int64?) { if let number { key(name); value(number) } }

    private mutating func separator() {
        guard let last = needsComma.last else { return }
        if last { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
    }

    private mutating func string(_ text: String, asValue: Bool) {
        var text = text
        // withUTF8 gives the string's own contiguous bytes (native strings need no copy).
        text.withUTF8 { utf8 in appendQuoted(utf8) }
    }

    private mutating func appendQuoted(_ utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        // Common case: nothing to escape, so copy the bytes at once.
        var needsEscape = false
        for byte in utf8 where byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F {
            needsEscape = true
            break
        }
        guard needsEscape else {
            bytes.append(contentsOf: utf8)
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20, 0x7F:
                bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30])
                bytes.append(contentsOf: Hex.lowercase([byte]).utf8)
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
