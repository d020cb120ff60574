import CParapetScan
import ParapetTestSupport
import Testing

@testable import ParapetPatterns

/// The profile pass's byte walk (`ps_scan` in CParapetScan) gives the same profile on its AVX2
/// path as on its portable loop, and the profile (digit positions and word-start capitals
/// included) agrees with naive definitions, on texts long enough for the 32-byte steps and
/// their tails, with every byte value.
@Suite struct ScanKernelTests {
    /// The instruction sets this machine can run.
    static var isas: [Int32] {
        LiteralTable.bestWalkISA == Int32(PS_ISA_AVX2) ? [Int32(PS_ISA_PORTABLE), Int32(PS_ISA_AVX2)] : [Int32(PS_ISA_PORTABLE)]
    }

    static let table = LiteralTable(
        [
            (bytes: Array("ort".utf8), caseless: true, wordBounded: true),
            (bytes: Array("Key".utf8), caseless: false, wordBounded: false),
            (bytes: Array("xx".utf8), caseless: true, wordBounded: false),
            (bytes: Array("dl".utf8), caseless: true, wordBounded: true),
            (bytes: Array("ghp_".utf8), caseless: false, wordBounded: false),
            (bytes: Array("@".utf8), caseless: false, wordBounded: false),
            (bytes: Array("://".utf8), caseless: false, wordBounded: false),
        ], countedBytes: [UInt8(ascii: "."), UInt8(ascii: ":")])

    /// Random texts over an alphabet that makes literals, word boundaries, token runs, digits
    /// and non-ASCII bytes all frequent, of lengths around the kernel's step and chunk sizes.
    static func texts(seed: UInt64, count: Int) -> [[UInt8]] {
        var random = SeededGenerator(seed: seed)
        let alphabet = Array("ortKeyXxDlghp_@:/.-+=09 \nAZ".utf8) + [0xC3, 0xA9, 0xE2, 0x80, 0x99, 0x00, 0xFF, 0xC0, 0xBF]
        let lengths = [0, 1, 2, 3, 31, 32, 33, 34, 35, 36, 63, 64, 65, 66, 67, 100, 300, 1_000, LiteralTable.walkChunk + 5]
        return (0..<count).map { index in
            let length = index < lengths.count ? lengths[index] : Int.random(in: 0...400, using: &random)
            // Long stretches of one class now and then, so that token runs cross 32-byte steps.
            var text: [UInt8] = []
            while text.count < length {
                if Int.random(in: 0..<10, using: &random) == 0 {
                    text += Array(repeating: UInt8(ascii: "a"), count: Int.random(in: 20...90, using: &random))
                } else {
                    text.append(alphabet[Int.random(in: alphabet.indices, using: &random)])
                }
            }
            return Array(text.prefix(length))
        }
    }

    @Test func bothPathsGiveTheSameProfile() {
        for text in Self.texts(seed: 61, count: 400) {
            text.withUnsafeBufferPointer { bytes in
                let profiles = Self.isas.map { Self.table.profile(bytes, allOccurrences: true, capitals: true, isa: $0) }
                let reference = Self.table.profile(bytes, allOccurrences: true, capitals: true, isa: Int32(PS_ISA_PORTABLE))
                for profile in profiles {
                    #expect(profile.literalPositions == reference.literalPositions)
                    #expect(profile.literalLastPositions == reference.literalLastPositions)
                    #expect(profile.counts == reference.counts && profile.firsts == reference.firsts && profile.lasts == reference.lasts)
                    #expect(profile.longestRun == reference.longestRun, "length \(text.count)")
                    #expect(profile.capitalStarts == reference.capitalStarts, "length \(text.count)")
                    for literal in 0..<Self.table.count {
                        #expect(Self.occurrences(profile, literal) == Self.occurrences(reference, literal))
                    }
                }
            }
        }
    }

    @Test func profilesMatchNaiveDefinitions() {
        let entries: [(bytes: [UInt8], caseless: Bool, wordBounded: Bool)] = [
            (Array("ort".utf8), true, true), (Array("Key".utf8), false, false), (Array("xx".utf8), true, false),
            (Array("dl".utf8), true, true), (Array("ghp_".utf8), false, false), (Array("@".utf8), false, false),
            (Array("://".utf8), false, false),
        ]
        for text in Self.texts(seed: 62, count: 300) {
            text.withUnsafeBufferPointer { bytes in
                for isa in Self.isas {
                    let profile = Self.table.profile(bytes, capitals: true, digits: true, isa: isa)
                    #expect(profile.capitalStarts == Self.naiveCapitalStarts(text), "isa \(isa), length \(text.count)")
                    #expect(profile.digitPositions == text.indices.filter { text[$0].isDigit }.map { UInt32($0) })
                    let plain = Self.table.profile(bytes, isa: isa)
                    #expect(plain.capitalStarts.isEmpty && plain.digitPositions.isEmpty)
                    let starts = entries.map { LiteralTableTests.naiveStarts($0, in: text) }
                    #expect(profile.literalPositions == starts.map { $0.first ?? -1 }, "isa \(isa), length \(text.count)")
                    #expect(profile.literalLastPositions == starts.map { $0.last ?? -1 }, "isa \(isa), length \(text.count)")
                    #expect(profile.longestRun == Self.naiveLongestRun(text), "isa \(isa), length \(text.count)")
                    #expect(profile.digits == text.filter { $0 >= 48 && $0 <= 57 }.count)
                    #expect(profile.count(of: UInt8(ascii: ".")) == text.filter { $0 == UInt8(ascii: ".") }.count)
                    #expect(profile.firstPosition(of: UInt8(ascii: ":")) == (text.firstIndex(of: UInt8(ascii: ":")) ?? Int.max))
                    #expect(profile.lastPosition(of: UInt8(ascii: ":")) == (text.lastIndex(of: UInt8(ascii: ":")) ?? -1))
                }
            }
        }
    }

    /// Where a capital may start a word: an ASCII capital or a byte of 0xC0 and up, at the start
    /// or after a byte that is not an ASCII letter or digit.
    static func naiveCapitalStarts(_ text: [UInt8]) -> [UInt32] {
        text.indices.filter { index in
            let byte = text[index]
            let capital = (byte >= 65 && byte <= 90) || byte >= 0xC0
            return capital && (index == 0 || !text[index - 1].isAlphanumeric)
        }.map { UInt32($0) }
    }

    /// The longest run of `[A-Za-z0-9_+/=-]`.
    static func naiveLongestRun(_ text: [UInt8]) -> Int {
        var run = 0, longest = 0
        for byte in text {
            let token = byte.isAlphanumeric || "_+/=-".utf8.contains(byte)
            run = token ? run + 1 : 0
            longest = max(longest, run)
        }
        return longest
    }

    /// Every start of `literal` the profile recorded (long texts' occurrence lists).
    static func occurrences(_ profile: TextProfile, _ literal: Int) -> [Int] {
        var starts: [Int] = []
        var index = 0
        var position = 0
        while let (next, start) = profile.occurrences?.first(literal, atOrAfter: position, resumingAt: index) {
            starts.append(start)
            index = next + 1
            position = start + 1
        }
        return starts
    }
}
