import ParapetTestSupport
import Testing

@testable import ParapetPatterns

/// `containsAny` must agree with the profiling pass, which finds the first position of every
/// literal: some literal occurs exactly when some first position is set.
@Suite struct LiteralTableTests {
    static let table = LiteralTable([
        (bytes: Array("ort".utf8), caseless: true, wordBounded: true),
        (bytes: Array("Key".utf8), caseless: false, wordBounded: false),
        (bytes: Array("xx".utf8), caseless: true, wordBounded: false),
        (bytes: Array("@".utf8), caseless: false, wordBounded: false),
    ])
    static let alphabet = Array("orktKeyXx@ .-".utf8)

    @Test func containsAnyAgreesWithTheProfile() {
        var random = SeededGenerator(seed: 42)
        var hits = 0
        for _ in 0..<20_000 {
            let text: [UInt8] = (0..<Int.random(in: 0...16, using: &random)).map { _ in
                Self.alphabet[Int.random(in: Self.alphabet.indices, using: &random)]
            }
            text.withUnsafeBufferPointer { bytes in
                let expected = Self.table.profile(bytes).literalPositions.contains { $0 >= 0 }
                #expect(Self.table.containsAny(in: bytes) == expected, "\(String(decoding: text, as: UTF8.self))")
                if expected { hits += 1 }
            }
        }
        #expect(hits > 2_000)
    }

    @Test(arguments: [("sport", false), ("Ort", true), ("key", false), ("a Key", true), ("XX", true), ("a@b", true), ("", false)])
    func examples(text: String, expected: Bool) {
        Array(text.utf8).withUnsafeBufferPointer { #expect(Self.table.containsAny(in: $0) == expected) }
    }

    /// Literals of one to seven bytes (so the four-byte gate is on the path), case-sensitive and
    /// not, word-bounded and not: the profile's first and last positions are the naive search's.
    @Test func firstAndLastPositionsMatchANaiveSearch() {
        var random = SeededGenerator(seed: 7)
        let letters = Array("abAB1 -@".utf8)
        for _ in 0..<300 {
            var seen = Set<String>()
            var entries: [(bytes: [UInt8], caseless: Bool, wordBounded: Bool)] = []
            for _ in 0..<Int.random(in: 1...12, using: &random) {
                let bytes = (0..<Int.random(in: 1...7, using: &random)).map { _ in letters[Int.random(in: letters.indices, using: &random)] }
                let caseless = Bool.random(using: &random)
                // A one-byte literal counts wherever its byte is (as the profile documents).
                let wordBounded = bytes.count > 1 && Bool.random(using: &random)
                let key = "\(caseless)\(wordBounded):" + String(decoding: caseless ? bytes.map { $0 | ($0 >= 65 && $0 <= 90 ? 0x20 : 0) } : bytes, as: UTF8.self)
                if seen.insert(key).inserted { entries.append((bytes, caseless, wordBounded)) }
            }
            let table = LiteralTable(entries)
            for _ in 0..<40 {
                let text = (0..<Int.random(in: 0...60, using: &random)).map { _ in letters[Int.random(in: letters.indices, using: &random)] }
                text.withUnsafeBufferPointer { bytes in
                    let starts = entries.map { Self.naiveStarts($0, in: text) }
                    let expected = starts.map { $0.first ?? -1 }
                    let profile = table.profile(bytes)
                    #expect(profile.literalPositions == expected, "\(String(decoding: text, as: UTF8.self))")
                    #expect(profile.literalLastPositions == starts.map { $0.last ?? -1 }, "\(String(decoding: text, as: UTF8.self))")
                    #expect(table.containsAny(in: bytes) == expected.contains { $0 >= 0 })
                }
            }
        }
    }

    /// Every start of `literal` in `text` (its case and word-boundary rules), in order.
    static func naiveStarts(_ literal: (bytes: [UInt8], caseless: Bool, wordBounded: Bool), in text: [UInt8]) -> [Int] {
        let lower: (UInt8) -> UInt8 = { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
        let alphanumeric: (UInt8) -> Bool = { ($0 >= 48 && $0 <= 57) || (lower($0) >= 97 && lower($0) <= 122) }
        let count = literal.bytes.count
        guard count <= text.count else { return [] }
        var starts: [Int] = []
        for start in 0...(text.count - count) {
            let window = text[start..<(start + count)]
            let same = literal.caseless ? window.map(lower) == literal.bytes.map(lower) : Array(window) == literal.bytes
            guard same else { continue }
            if literal.wordBounded {
                if alphanumeric(literal.bytes[0]), start > 0, alphanumeric(text[start - 1]) { continue }
                if alphanumeric(literal.bytes[count - 1]), start + count < text.count, alphanumeric(text[start + count]) { continue }
            }
            starts.append(start)
        }
        return starts
    }
}
