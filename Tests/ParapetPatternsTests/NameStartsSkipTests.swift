import ParapetTestSupport
import Testing

@testable import ParapetPatterns

/// ``NameStarts`` skips eight bytes at a time while none can start a capital; the word test must
/// agree with the byte test (``UInt8/mayStartCapital``) exactly.
@Suite("NameStarts word skip")
struct NameStartsSkipTests {
    static func bytewise(_ word: UInt64) -> Bool {
        (0..<8).contains { UInt8(truncatingIfNeeded: word >> (8 * $0)).mayStartCapital }
    }

    @Test("Every byte value in every lane, among neutral bytes")
    func everyByteInEveryLane() {
        for lane in 0..<8 {
            for value in 0...255 {
                for filler: UInt64 in [0x6161_6161_6161_6161, 0x2020_2020_2020_2020, 0x7F7F_7F7F_7F7F_7F7F, 0x4040_4040_4040_4040] {
                    let word = (filler & ~(UInt64(0xFF) << (8 * lane))) | (UInt64(value) << (8 * lane))
                    #expect(NameStarts.mayStartCapital(in: word) == Self.bytewise(word), "lane \(lane) byte \(value)")
                }
            }
        }
    }

    @Test("Random words (seed 61)")
    func randomWords() {
        var rng = SeededGenerator(seed: 61)
        for _ in 0..<100_000 {
            let word = rng.next()
            #expect(NameStarts.mayStartCapital(in: word) == Self.bytewise(word))
            let ascii = word & 0x7F7F_7F7F_7F7F_7F7F  // mostly without capitals: the skip path
            #expect(NameStarts.mayStartCapital(in: ascii) == Self.bytewise(ascii))
        }
    }
}
