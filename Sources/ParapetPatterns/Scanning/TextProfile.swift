/// What one cheap pass over a text's bytes tells the prefilter: a byte histogram, the longest
/// run of token bytes, and the first position of every catalog literal.
struct TextProfile {
    /// How often each byte value occurs.
    var histogram: [Int]
    /// The longest run of `[A-Za-z0-9_+/=-]`.
    var longestRun: Int
    /// The first byte offset of each literal of the scanner's ``LiteralTable``, or -1.
    var literalPositions: [Int]

    /// The number of ASCII digits.
    var digits: Int {
        var total = 0
        for byte in UInt8(ascii: "0")...UInt8(ascii: "9") { total += histogram[Int(byte)] }
        return total
    }
}

/// All literals of a scanner's patterns, indexed by first byte for a single-pass search.
struct LiteralTable: Sendable {
    /// The literal bytes (lower-cased for caseless ones).
    let literals: [[UInt8]]
    /// Whether each literal is compared case-insensitively (ASCII).
    let caseless: [Bool]
    /// Literal indices by the byte they start with (both cases for caseless ones).
    private let byFirstByte: [[Int]]
    /// Token bytes for the run length: `[A-Za-z0-9_+/=-]`.
    private let isTokenByte: [Bool]

    /// Builds the table; `entries` are (bytes, caseless) pairs, deduplicated by the caller.
    init(_ entries: [(bytes: [UInt8], caseless: Bool)]) {
        literals = entries.map { $0.caseless ? $0.bytes.map(asciiLower) : $0.bytes }
        caseless = entries.map(\.caseless)
        var table = [[Int]](repeating: [], count: 256)
        for (index, literal) in literals.enumerated() {
            guard let first = literal.first else { continue }
            table[Int(first)].append(index)
            if caseless[index] {
                let upper = asciiUpper(first)
                if upper != first { table[Int(upper)].append(index) }
            }
        }
        byFirstByte = table
        var token = [Bool](repeating: false, count: 256)
        for byte in 0..<256 {
            let b = UInt8(byte)
            token[byte] = b.isAlphanumeric || b == UInt8(ascii: "_") || b == UInt8(ascii: "+") || b == UInt8(ascii: "/")
                || b == UInt8(ascii: "=") || b == UInt8(ascii: "-")
        }
        isTokenByte = token
    }

    /// Profiles `bytes` in one pass.
    func profile(_ bytes: UnsafeBufferPointer<UInt8>) -> TextProfile {
        var histogram = [Int](repeating: 0, count: 256)
        var positions = [Int](repeating: -1, count: literals.count)
        var remaining = literals.count
        var run = 0
        var longest = 0
        let count = bytes.count
        var index = 0
        while index < count {
            let byte = bytes[index]
            histogram[Int(byte)] &+= 1
            if isTokenByte[Int(byte)] {
                run &+= 1
                if run > longest { longest = run }
            } else {
                run = 0
            }
            if remaining > 0 {
                let candidates = byFirstByte[Int(byte)]
                if !candidates.isEmpty {
                    for literalIndex in candidates where positions[literalIndex] < 0 {
                        if matches(literalIndex, bytes, at: index) {
                            positions[literalIndex] = index
                            remaining -= 1
                        }
                    }
                }
            }
            index &+= 1
        }
        return TextProfile(histogram: histogram, longestRun: longest, literalPositions: positions)
    }

    private func matches(_ literalIndex: Int, _ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        let literal = literals[literalIndex]
        guard start + literal.count <= bytes.count else { return false }
        if caseless[literalIndex] {
            for offset in 1..<max(1, literal.count) where asciiLower(bytes[start + offset]) != literal[offset] { return false }
        } else {
            for offset in 1..<max(1, literal.count) where bytes[start + offset] != literal[offset] { return false }
        }
        return true
    }
}

/// ASCII lower-casing of one byte; other bytes are returned unchanged.
@inline(__always) func asciiLower(_ byte: UInt8) -> UInt8 {
    byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
}

/// ASCII upper-casing of one byte; other bytes are returned unchanged.
@inline(__always) func asciiUpper(_ byte: UInt8) -> UInt8 {
    byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") ? byte - 32 : byte
}
