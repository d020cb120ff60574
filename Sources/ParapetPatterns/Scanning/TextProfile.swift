/// What one cheap pass over a text's bytes tells the prefilter: counts and first positions of
/// the bytes patterns require (digits, `:` …), the longest run of token bytes, and where the
/// catalog literals occur.
struct TextProfile {
    /// Per counting slot of the ``LiteralTable`` (see ``ByteInfo/countSlot``): occurrences, the
    /// first offset (`Int.max`: none) and the last (-1: none).
    var counts: [Int]
    var firsts: [Int]
    var lasts: [Int]
    /// The byte table of the ``LiteralTable`` that made this profile (it maps bytes to slots).
    let byteInfo: [ByteInfo]
    /// The longest run of `[A-Za-z0-9_+/=-]`.
    var longestRun: Int
    /// The first byte offset of each literal of the scanner's ``LiteralTable``, or -1.
    var literalPositions: [Int]
    /// The last byte offset of each literal, or -1.
    var literalLastPositions: [Int]
    /// The number of ASCII digits, and the offsets of the first (`Int.max`: none) and the last (-1: none).
    var digits: Int
    var firstDigit: Int
    var lastDigit: Int
    /// Every occurrence of every literal, when asked for (long texts, for ``SearchRegions``).
    var occurrences: LiteralOccurrences?
    /// Where a capital may start a word, when asked for (``NameStarts``): an ASCII capital or a
    /// byte of 0xC0 and up, at the text's start or after a byte that is not an ASCII letter or digit.
    var capitalStarts: [UInt32] = []
    /// Where the ASCII digits are, when asked for (long texts, for ``DigitRuns``). Ascending.
    var digitPositions: [UInt32] = []

    /// How often `byte` occurs; only bytes the table was built to count are known (others give 0).
    func count(of byte: UInt8) -> Int {
        let slot = Int(byteInfo[Int(byte)].countSlot)
        return slot == 0 ? 0 : counts[slot]
    }

    /// The first offset of `byte` (for a digit: of any digit), or `Int.max`.
    func firstPosition(of byte: UInt8) -> Int {
        if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { return firstDigit }
        let slot = Int(byteInfo[Int(byte)].countSlot)
        return slot == 0 ? Int.max : firsts[slot]
    }

    /// The last offset of `byte` (for a digit: of any digit), or -1.
    func lastPosition(of byte: UInt8) -> Int {
        if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { return lastDigit }
        let slot = Int(byteInfo[Int(byte)].countSlot)
        return slot == 0 ? -1 : lasts[slot]
    }
}
