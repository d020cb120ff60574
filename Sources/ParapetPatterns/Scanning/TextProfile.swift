/// What one cheap pass over a text's bytes tells the prefilter: counts and first positions of
/// the bytes patterns require (digits, `:` …), the longest run of token bytes, and where the
/// catalog literals occur.
struct TextProfile {
    /// One allocation for the five per-literal and per-slot tables below (a text's profile is
    /// made for every scan; on a short text each array would cost an allocation, a release and a
    /// metadata lookup): the first and last position of each literal, then the count, first and
    /// last position of each counting slot.
    private var storage: [Int]
    private let literalCount: Int
    private let slotCount: Int
    /// The byte table of the ``LiteralTable`` that made this profile (it maps bytes to slots).
    let byteInfo: [ByteInfo]
    /// The longest run of `[A-Za-z0-9_+/=-]`.
    var longestRun: Int
    /// The number of ASCII digits, and the offsets of the first (`Int.max`: none) and the last (-1: none).
    var digits: Int
    var firstDigit: Int
    var lastDigit: Int
    /// Every occurrence of every literal, when asked for (long texts, for ``SearchRegions``).
    var occurrences: LiteralOccurrences?
    /// Where a capital may start a word, when asked for (``NameStarts``): an ASCII capital or a
    /// byte of 0xC0 and up, at the text's start or after a byte that is not an ASCII letter or digit.
    var capitalStarts: [UInt32] = []
    /// Where the ASCII digits are, when asked for (for ``DigitRuns``). Ascending.
    var digitPositions: [UInt32] = []

    /// A profile whose tables `fill` writes, and returns the longest token run: it is handed the
    /// literals' first and last positions (all -1) and the slots' counts (0), first (`Int.max`)
    /// and last (-1) positions.
    init(
        literals: Int, slots: Int, byteInfo: [ByteInfo],
        fill: (_ first: UnsafeMutableBufferPointer<Int>, _ last: UnsafeMutableBufferPointer<Int>,
               _ counts: UnsafeMutableBufferPointer<Int>, _ firsts: UnsafeMutableBufferPointer<Int>,
               _ lasts: UnsafeMutableBufferPointer<Int>) -> Int
    ) {
        literalCount = literals
        slotCount = slots
        self.byteInfo = byteInfo
        var longest = 0
        storage = [Int](unsafeUninitializedCapacity: 2 * literals + 3 * slots) { buffer, initialized in
            func part(_ offset: Int, _ count: Int, _ value: Int) -> UnsafeMutableBufferPointer<Int> {
                let part = UnsafeMutableBufferPointer(rebasing: buffer[offset..<(offset + count)])
                part.initialize(repeating: value)
                return part
            }
            let first = part(0, literals, -1), last = part(literals, literals, -1)
            let counts = part(2 * literals, slots, 0), firsts = part(2 * literals + slots, slots, Int.max)
            let lasts = part(2 * literals + 2 * slots, slots, -1)
            initialized = 2 * literals + 3 * slots
            longest = fill(first, last, counts, firsts, lasts)
        }
        longestRun = longest
        // Digits have the counting slots 1…10.
        var digits = 0, firstDigit = Int.max, lastDigit = -1
        for slot in 1...10 {
            digits += storage[2 * literals + slot]
            firstDigit = min(firstDigit, storage[2 * literals + slots + slot])
            lastDigit = max(lastDigit, storage[2 * literals + 2 * slots + slot])
        }
        (self.digits, self.firstDigit, self.lastDigit) = (digits, firstDigit, lastDigit)
    }

    /// The first byte offset of literal `index` of the scanner's ``LiteralTable``, or -1.
    func literalPosition(_ index: Int) -> Int { storage[index] }
    /// The last byte offset of literal `index`, or -1.
    func literalLastPosition(_ index: Int) -> Int { storage[literalCount + index] }

    /// Every literal's first position (tests).
    var literalPositions: [Int] { Array(storage[0..<literalCount]) }
    /// Every literal's last position (tests).
    var literalLastPositions: [Int] { Array(storage[literalCount..<(2 * literalCount)]) }
    /// Per counting slot of the ``LiteralTable`` (see ``ByteInfo/countSlot``): occurrences (tests).
    var counts: [Int] { Array(storage[(2 * literalCount)..<(2 * literalCount + slotCount)]) }
    /// Per counting slot, the first offset (`Int.max`: none) (tests).
    var firsts: [Int] { Array(storage[(2 * literalCount + slotCount)..<(2 * literalCount + 2 * slotCount)]) }
    /// Per counting slot, the last offset (-1: none) (tests).
    var lasts: [Int] { Array(storage[(2 * literalCount + 2 * slotCount)...]) }

    /// How often `byte` occurs; only bytes the table was built to count are known (others give 0).
    func count(of byte: UInt8) -> Int {
        let slot = Int(byteInfo[Int(byte)].countSlot)
        return slot == 0 ? 0 : storage[2 * literalCount + slot]
    }

    /// The first offset of `byte` (for a digit: of any digit), or `Int.max`.
    func firstPosition(of byte: UInt8) -> Int {
        if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { return firstDigit }
        let slot = Int(byteInfo[Int(byte)].countSlot)
        return slot == 0 ? Int.max : storage[2 * literalCount + slotCount + slot]
    }

    /// The last offset of `byte` (for a digit: of any digit), or -1.
    func lastPosition(of byte: UInt8) -> Int {
        if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { return lastDigit }
        let slot = Int(byteInfo[Int(byte)].countSlot)
        return slot == 0 ? -1 : storage[2 * literalCount + 2 * slotCount + slot]
    }
}
