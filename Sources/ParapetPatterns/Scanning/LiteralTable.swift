import CParapetScan

/// All literals of a scanner's patterns, found in one pass over a text.
///
/// The profiling pass rejects almost every position with one lookup in a 64 Ki-bit table of
/// hashed (lower-cased) first three bytes; only positions that hit it compare the literals that
/// start with their first byte pair. Pairs alone are not selective enough: prose hits pairs like
/// `in`, `an`, `re` (`indirizzo`, `anschrift`, `reside`) at one position in six, their first
/// three bytes at one in fifty. A two-byte literal sets its pair with every third byte, and the
/// text's last pair is checked in a 64 Ki-bit table of first byte pairs. Word-bounded literals
/// that start with a letter or digit (context words such as `ort`, `stadt`) have their own
/// tables, consulted only at word starts, so `ort` in `short` costs nothing. One-byte literals
/// (`@`) have their own table. All storage is flat.
struct LiteralTable: Sendable {
    /// Literal bytes, concatenated; literal `i` spans `offsets[i]..<offsets[i + 1]`.
    let bytes: [UInt8]
    let offsets: [Int]
    let caseless: [Bool]
    let wordBounded: [Bool]
    /// Two bitmaps of (lower-cased) first byte pairs, interleaved by 64-bit word: word
    /// `2 * (p >> 6)` has bit `p & 63` set when a literal starts with pair `p = (a << 8) | b`;
    /// word `2 * (p >> 6) + 1` holds the same for word-bounded literals with an alphanumeric first
    /// byte, which can only start where the byte before is not alphanumeric.
    let pairBits: [UInt64]
    /// The same two bitmaps for hashed (lower-cased) first three bytes (``tripleBucket(_:)``),
    /// interleaved by bit: bucket `b` is bit `2 * (b & 31)` of word `b >> 5` for every position
    /// and the bit after it for word starts, so the AVX2 walk gets both with one gather; a two-byte
    /// literal sets the buckets of its pair followed by every byte value.
    let tripleBits: [UInt64]
    /// Per lower-cased pair `(a << 8) | b`, 0 or 1 + the number of its list in `pairStart`.
    let pairList: [UInt32]
    /// Literal indices by lower-cased first pair, flattened: list `k` is `byPair[pairStart[k]..<pairStart[k + 1]]`.
    let byPair: [Int]
    let pairStart: [Int]
    /// A bitmap of hashed (lower-cased) first four bytes of the literals of four bytes or more
    /// (``quadBucket(_:at:)``), and per pair list whether it holds a shorter literal. A pair hit whose
    /// list holds only long literals is compared only when its four bytes hit this bitmap too:
    /// prose hits pairs such as `in`, `an`, `re` on one byte in eight, their four bytes almost never.
    let quadBits: [UInt64]
    let listHasShort: [Bool]
    /// One-byte literals by byte value, flattened: byte `b`'s are `singleList[singleStart[b]..<singleStart[b + 1]]`.
    let singleList: [Int]
    let singleStart: [Int]
    /// What the profile pass needs to know of each byte value, in one load.
    let byteInfo: [ByteInfo]
    /// The bytes the walk reports (counted bytes and one-byte literals) as a 256-bit set, and as
    /// the nibble table of the AVX2 walk (``CParapetScan``'s `ps_tables`).
    let notedBits: [UInt64]
    let notedNibbles: [UInt8]
    /// The walk's instruction set: the CPU's best, unless a noted byte is not ASCII (the AVX2
    /// path's byte classes are ASCII only).
    let walkISA: Int32
    /// The number of counting slots, slot 0 (not counted) included.
    let countSlots: Int

    /// The number of literals.
    var count: Int { caseless.count }

    /// Builds the table; `entries` are literals, deduplicated by the caller; `countedBytes` are
    /// the bytes whose counts and first positions the profile must know (digits always are).
    init(_ entries: [(bytes: [UInt8], caseless: Bool, wordBounded: Bool)], countedBytes: Set<UInt8> = []) {
        var bytes: [UInt8] = []
        var offsets = [0]
        var pairBits = [UInt64](repeating: 0, count: 2048)
        var tripleBits = [UInt64](repeating: 0, count: 2 * Self.tripleBucketCount / 64)
        var lists: [[Int]] = []
        var pairList = [UInt32](repeating: 0, count: 1 << 16)
        var singles = [[Int]](repeating: [], count: 256)
        for (index, entry) in entries.enumerated() {
            // Pairs are compared lower-cased; a case-sensitive literal is confirmed exactly later.
            let lowered = entry.bytes.map(asciiLower)
            bytes += entry.caseless ? lowered : entry.bytes
            offsets.append(bytes.count)
            guard let first = lowered.first else { continue }
            if lowered.count == 1 {
                // A case-sensitive literal is its own byte; a caseless one both cases of it.
                singles[Int(entry.caseless ? first : entry.bytes[0])].append(index)
                if entry.caseless, asciiUpper(first) != first { singles[Int(asciiUpper(first))].append(index) }
                continue
            }
            let pair = Int(first) << 8 | Int(lowered[1])
            let wordStart = entry.wordBounded && first.isAlphanumeric ? 1 : 0
            pairBits[2 * (pair >> 6) + wordStart] |= 1 << UInt64(pair & 63)
            let thirds = lowered.count > 2 ? [Int(lowered[2])] : Array(0..<256)
            for third in thirds {
                let bucket = Self.tripleBucket(pair << 8 | third)
                tripleBits[bucket >> 5] |= 1 << UInt64(2 * (bucket & 31) + wordStart)
            }
            if pairList[pair] == 0 {
                lists.append([])
                pairList[pair] = UInt32(lists.count)
            }
            lists[Int(pairList[pair]) - 1].append(index)
        }
        var byPair: [Int] = []
        var pairStart = [0]
        var quadBits = [UInt64](repeating: 0, count: Self.quadBitCount / 64)
        var listHasShort: [Bool] = []
        for list in lists {
            byPair += list
            pairStart.append(byPair.count)
            listHasShort.append(list.contains { entries[$0].bytes.count < 4 })
            for index in list where entries[index].bytes.count >= 4 {
                let bucket = entries[index].bytes.withUnsafeBufferPointer { Self.quadBucket($0, at: 0) }
                quadBits[bucket >> 6] |= 1 << UInt64(bucket & 63)
            }
        }
        self.bytes = bytes
        self.offsets = offsets
        self.caseless = entries.map(\.caseless)
        self.wordBounded = entries.map(\.wordBounded)
        self.pairBits = pairBits
        self.tripleBits = tripleBits
        self.pairList = pairList
        self.byPair = byPair
        self.pairStart = pairStart
        self.quadBits = quadBits
        self.listHasShort = listHasShort
        var countSlot = [UInt8](repeating: 0, count: 256)
        var slots = 1
        for digit in UInt8(ascii: "0")...UInt8(ascii: "9") {
            countSlot[Int(digit)] = UInt8(slots)
            slots += 1
        }
        for byte in countedBytes.sorted() where countSlot[Int(byte)] == 0 {
            countSlot[Int(byte)] = UInt8(slots)
            slots += 1
        }
        self.countSlots = slots
        var singleList: [Int] = []
        var singleStart: [Int] = []
        for list in singles {
            singleStart.append(singleList.count)
            singleList += list
        }
        singleStart.append(singleList.count)
        self.singleList = singleList
        self.singleStart = singleStart
        self.byteInfo = (0..<256).map { value in
            ByteInfo(countSlot: countSlot[value], single: singles[value].isEmpty ? -1 : Int32(singleStart[value]))
        }
        var notedBits = [UInt64](repeating: 0, count: 4)
        var notedNibbles = [UInt8](repeating: 0, count: 16)
        var notedNonASCII = false
        for value in 0..<256 where countSlot[value] != 0 || !singles[value].isEmpty {
            notedBits[value >> 6] |= 1 << UInt64(value & 63)
            if value < 0x80 { notedNibbles[value & 15] |= 1 << UInt8(value >> 4) } else { notedNonASCII = true }
        }
        self.notedBits = notedBits
        self.notedNibbles = notedNibbles
        self.walkISA = notedNonASCII ? Int32(PS_ISA_PORTABLE) : Self.bestWalkISA
    }

    /// The walk's best instruction set on this CPU (`ps_best_isa`).
    static let bestWalkISA = ps_best_isa()
}

extension LiteralTable {
    /// The number of buckets of each ``tripleBits`` bitmap (64 Ki bits, 8 KiB).
    static let tripleBucketCount = 1 << 16

    /// The ``tripleBits`` bucket of three lower-cased bytes `(a << 16) | (b << 8) | c`.
    @inline(__always) static func tripleBucket(_ triple: Int) -> Int {
        Int((UInt32(truncatingIfNeeded: triple) &* 0x9E37_79B1) >> 16)
    }

    /// The size of the four-byte bitmap in bits (4 KiB).
    static let quadBitCount = 1 << 15

    /// The ``quadBits`` bucket of the four bytes at `start`, lower-cased (ASCII).
    @inline(__always) static func quadBucket(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Int {
        let quad = UInt32(asciiLower(bytes[start])) << 24 | UInt32(asciiLower(bytes[start + 1])) << 16
            | UInt32(asciiLower(bytes[start + 2])) << 8 | UInt32(asciiLower(bytes[start + 3]))
        return Int((quad &* 0x9E37_79B1) >> 17)
    }

    /// Whether the literals of pair list `list` can start at `start`: always when the list holds a
    /// literal shorter than four bytes, else only when the four bytes there hit ``quadBits``.
    @inline(__always) func mayStart(list: Int, at start: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        if listHasShort[list] { return true }
        guard start + 4 <= text.count else { return false }
        let bucket = Self.quadBucket(text, at: start)
        return quadBits[bucket >> 6] & (1 << UInt64(bucket & 63)) != 0
    }
}

/// One byte value's entry in ``LiteralTable/byteInfo``.
struct ByteInfo: Sendable {
    /// 0, or the counting slot of this byte: the ten digits have slots 1–10, then every byte some
    /// pattern requires a number of (`requires.chars`).
    let countSlot: UInt8
    /// -1, or where this byte's one-byte literals start in ``LiteralTable/singleList``.
    let single: Int32
}

/// ASCII lower-casing of one byte; other bytes are returned unchanged.
@inline(__always) func asciiLower(_ byte: UInt8) -> UInt8 {
    byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
}

/// ASCII upper-casing of one byte; other bytes are returned unchanged.
@inline(__always) func asciiUpper(_ byte: UInt8) -> UInt8 {
    byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") ? byte - 32 : byte
}
