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
    var digits: Int
    /// The first offset of each byte value, or `Int.max` (ASCII digits share slot `0x30`).
    var firstPositions: [Int]
    /// Every occurrence of every literal, when asked for (long texts, for ``SearchRegions``).
    var occurrences: LiteralOccurrences?
}

/// All literals of a scanner's patterns, found in one pass over a text.
///
/// A 64 Ki-bit table of (lower-cased) first byte pairs rejects almost every position with one
/// lookup; only positions whose pair starts some literal compare the literals that start with
/// that pair (not every literal sharing its first byte: prose hits pairs like `se`, `pa`, `to`
/// often). One-byte literals (`@`) have their own table. All storage is flat.
struct LiteralTable: Sendable {
    /// Literal bytes, concatenated; literal `i` spans `offsets[i]..<offsets[i + 1]`.
    let bytes: [UInt8]
    let offsets: [Int]
    let caseless: [Bool]
    let wordBounded: [Bool]
    /// Bit `(a << 8) | b` is set when a literal starts with the (lower-cased) pair `a b`.
    private let pairBits: [UInt64]
    /// Per lower-cased pair `(a << 8) | b`, 0 or 1 + the number of its list in `pairStart`.
    private let pairList: [UInt32]
    /// Literal indices by lower-cased first pair, flattened: list `k` is `byPair[pairStart[k]..<pairStart[k + 1]]`.
    private let byPair: [Int]
    private let pairStart: [Int]
    /// One-byte literals by byte value (index into literals, or -1).
    private let single: [Int]
    /// 1 for token bytes `[A-Za-z0-9_+/=-]`.
    private let tokenByte: [UInt8]

    /// The number of literals.
    var count: Int { caseless.count }

    /// Builds the table; `entries` are (bytes, caseless) pairs, deduplicated by the caller.
    init(_ entries: [(bytes: [UInt8], caseless: Bool, wordBounded: Bool)]) {
        var bytes: [UInt8] = []
        var offsets = [0]
        var pairBits = [UInt64](repeating: 0, count: 1024)
        var lists: [[Int]] = []
        var pairList = [UInt32](repeating: 0, count: 1 << 16)
        var single = [Int](repeating: -1, count: 256)
        for (index, entry) in entries.enumerated() {
            // Pairs are compared lower-cased; a case-sensitive literal is confirmed exactly later.
            let lowered = entry.bytes.map(asciiLower)
            bytes += entry.caseless ? lowered : entry.bytes
            offsets.append(bytes.count)
            guard let first = lowered.first else { continue }
            if lowered.count == 1 {
                single[Int(first)] = index
                if entry.caseless { single[Int(asciiUpper(first))] = index }
                continue
            }
            let pair = Int(first) << 8 | Int(lowered[1])
            pairBits[pair >> 6] |= 1 << UInt64(pair & 63)
            if pairList[pair] == 0 {
                lists.append([])
                pairList[pair] = UInt32(lists.count)
            }
            lists[Int(pairList[pair]) - 1].append(index)
        }
        var byPair: [Int] = []
        var pairStart = [0]
        for list in lists {
            byPair += list
            pairStart.append(byPair.count)
        }
        var token = [UInt8](repeating: 0, count: 256)
        for value in 0..<256 {
            let b = UInt8(value)
            if b.isAlphanumeric || b == UInt8(ascii: "_") || b == UInt8(ascii: "+") || b == UInt8(ascii: "/")
                || b == UInt8(ascii: "=") || b == UInt8(ascii: "-")
            {
                token[value] = 1
            }
        }
        self.bytes = bytes
        self.offsets = offsets
        self.caseless = entries.map(\.caseless)
        self.wordBounded = entries.map(\.wordBounded)
        self.pairBits = pairBits
        self.pairList = pairList
        self.byPair = byPair
        self.pairStart = pairStart
        self.single = single
        self.tokenByte = token
    }

    /// Profiles `text` in one pass; with `allOccurrences`, also records every occurrence of
    /// every literal (not only the first), for searches restricted to where matches can start.
    func profile(_ text: UnsafeBufferPointer<UInt8>, allOccurrences: Bool = false) -> TextProfile {
        var found = allOccurrences ? LiteralOccurrences.Builder(literals: caseless.count) : nil
        var histogram = [Int](repeating: 0, count: 256)
        var positions = [Int](repeating: -1, count: caseless.count)
        var longest = 0
        let count = text.count
        var firstPositions = [Int](repeating: Int.max, count: 256)
        histogram.withUnsafeMutableBufferPointer { histogram in
            firstPositions.withUnsafeMutableBufferPointer { first in
                positions.withUnsafeMutableBufferPointer { positions in
                    pairBits.withUnsafeBufferPointer { pairBits in
                        tokenByte.withUnsafeBufferPointer { tokenByte in
                            single.withUnsafeBufferPointer { single in
                                var run = 0
                                var previous = 0
                                for index in 0..<count {
                                    let byte = Int(text[index])
                                    histogram[byte] &+= 1
                                    // First offset of each byte value; ASCII digits share slot 0x30.
                                    let slot = byte &- 48 < 10 && byte >= 48 ? 48 : byte
                                    if first[slot] == Int.max { first[slot] = index }
                                    if tokenByte[byte] != 0 {
                                        run &+= 1
                                        if run > longest { longest = run }
                                    } else {
                                        run = 0
                                    }
                                    let lower = byte >= 65 && byte <= 90 ? byte | 0x20 : byte
                                    let literal = single[byte]
                                    if literal >= 0 {
                                        if positions[literal] < 0 { positions[literal] = index }
                                        found?.append(literal, at: index)
                                    }
                                    if index > 0 {
                                        let pair = previous << 8 | lower
                                        if pairBits[pair >> 6] & (1 << UInt64(pair & 63)) != 0 {
                                            if found != nil {
                                                confirmAll(pair: pair, at: index - 1, text, positions, &found)
                                            } else {
                                                confirm(pair: pair, at: index - 1, text, positions)
                                            }
                                        }
                                    }
                                    previous = lower
                                }
                            }
                        }
                    }
                }
            }
        }
        var digits = 0
        for byte in 48...57 { digits += histogram[byte] }
        return TextProfile(
            histogram: histogram, longestRun: longest, literalPositions: positions, digits: digits,
            firstPositions: firstPositions, occurrences: found?.build())
    }

    /// Compares the literals starting with (lower-cased) `pair` at `start` and records the ones found.
    private func confirm(pair: Int, at start: Int, _ text: UnsafeBufferPointer<UInt8>, _ positions: UnsafeMutableBufferPointer<Int>) {
        let list = Int(pairList[pair]) - 1
        guard list >= 0 else { return }
        for slot in pairStart[list]..<pairStart[list + 1] {
            let literal = byPair[slot]
            if positions[literal] < 0, occurs(literal, in: text, at: start) { positions[literal] = start }
        }
    }

    /// As ``confirm(pair:at:_:_:)``, but records every literal found, not only first ones.
    private func confirmAll(
        pair: Int, at start: Int, _ text: UnsafeBufferPointer<UInt8>, _ positions: UnsafeMutableBufferPointer<Int>,
        _ found: inout LiteralOccurrences.Builder?
    ) {
        let list = Int(pairList[pair]) - 1
        guard list >= 0 else { return }
        for slot in pairStart[list]..<pairStart[list + 1] {
            let literal = byPair[slot]
            guard occurs(literal, in: text, at: start) else { continue }
            if positions[literal] < 0 { positions[literal] = start }
            found?.append(literal, at: start)
        }
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
