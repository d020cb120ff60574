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
}
