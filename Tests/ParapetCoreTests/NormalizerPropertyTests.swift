import ParapetTestSupport
import Testing

@testable import ParapetCore

@Suite("Normalizer properties (seeded)")
struct NormalizerPropertyTests {
    static let iterations = 400

    @Test("Mapped ranges are in bounds, on scalar boundaries, monotone, and cover their source")
    func mapInvariants() {
        var rng = SeededGenerator(seed: 0x5EED_0001)
        let normalizer = Normalizer()
        for _ in 0..<Self.iterations {
            let input = RandomText.make(using: &rng)
            let result = normalizer.normalize(input)
            let n = result.text.utf8.count
            let originalCount = input.utf8.count
            for _ in 0..<12 {
                let a = Int.random(in: 0...n, using: &rng)
                let b = Int.random(in: a...n, using: &rng)
                let mapped = result.originalRange(for: a..<b)
                #expect(mapped.lowerBound >= 0 && mapped.upperBound <= originalCount, "\(input.debugDescription) \(a)..<\(b)")
                #expect(input.isScalarBoundary(mapped.lowerBound) && input.isScalarBoundary(mapped.upperBound))
                guard a < b else {
                    #expect(mapped.isEmpty)
                    continue
                }
                #expect(!mapped.isEmpty || result.text.bytes(a..<b).isEmpty)
                // Monotone: a wider normalized range maps to a range at least as wide.
                let a2 = Int.random(in: 0...a, using: &rng)
                let b2 = Int.random(in: b...n, using: &rng)
                let wider = result.originalRange(for: a2..<b2)
                #expect(wider.lowerBound <= mapped.lowerBound && wider.upperBound >= mapped.upperBound)
            }
            // The whole normalized text maps to the original minus removed edges.
            if n > 0 {
                let whole = result.originalRange(for: 0..<n)
                #expect(normalizer.normalize(input.bytes(whole)).text == result.text, "\(input.debugDescription)")
            }
        }
    }

    @Test("The normalized text is valid UTF-8 (it is made without validating its bytes again)")
    func outputIsValidUTF8() {
        var rng = SeededGenerator(seed: 0x5EED_0004)
        let normalizer = Normalizer()
        // Random scalars from every plane (surrogates excluded), mixed with the pieces the
        // normalizer edits.
        func scalar() -> String {
            while true {
                let plane = Int.random(in: 0...16, using: &rng)
                let value = UInt32(plane << 16 | Int.random(in: 0...0xFFFF, using: &rng))
                if let scalar = Unicode.Scalar(value) { return String(Character(scalar)) }
            }
        }
        var changed = 0
        for _ in 0..<(4 * Self.iterations) {
            var input = RandomText.make(using: &rng, maxPieces: 12)
            for _ in 0..<Int.random(in: 0...6, using: &rng) { input += scalar() }
            let result = normalizer.normalize(input)
            #expect(String(validating: Array(result.text.utf8), as: UTF8.self) == result.text, "\(input.debugDescription)")
            if result.text != input { changed += 1 }
        }
        #expect(changed > Self.iterations)
    }

    @Test("Re-normalizing a mapped span gives back the normalized span")
    func spanRoundTrip() {
        var rng = SeededGenerator(seed: 0x5EED_0002)
        let normalizer = Normalizer()
        for _ in 0..<Self.iterations {
            let input = RandomText.make(using: &rng)
            let result = normalizer.normalize(input)
            // Spans made of whole segments: cut at ASCII letters, which are always their own unit.
            let text = Array(result.text.utf8)
            let cuts = [0] + text.indices.filter { text[$0] == UInt8(ascii: "x") || text[$0] == UInt8(ascii: " ") } + [text.count]
            for (a, b) in zip(cuts, cuts.dropFirst()) where a < b {
                let mapped = result.originalRange(for: a..<b)
                let span = normalizer.normalize(input.bytes(mapped)).text
                #expect(span == result.text.bytes(a..<b), "\(input.debugDescription) \(a)..<\(b)")
            }
        }
    }

    @Test("The ASCII run skip stops at the first non-ASCII byte from any start")
    func asciiEndFindsTheFirstNonASCIIByte() {
        var rng = SeededGenerator(seed: 0x5EED_0005)
        for _ in 0..<Self.iterations {
            let bytes = (0..<Int.random(in: 0...40, using: &rng)).map { _ in
                Int.random(in: 0..<6, using: &rng) == 0 ? UInt8.random(in: 0x80...0xFF, using: &rng) : UInt8.random(in: 0...0x7F, using: &rng)
            }
            bytes.withUnsafeBufferPointer { buffer in
                for start in 0...bytes.count {
                    let expected = bytes[start...].firstIndex { $0 >= 0x80 } ?? bytes.count
                    #expect(NormalizationBuilder.asciiEnd(buffer, from: start) == expected, "\(bytes) from \(start)")
                }
            }
        }
    }

    @Test("ASCII text is always an identity")
    func asciiIdentity() {
        var rng = SeededGenerator(seed: 0x5EED_0003)
        for _ in 0..<Self.iterations {
            let length = Int.random(in: 0...80, using: &rng)
            let input = String(decoding: (0..<length).map { _ in UInt8.random(in: 0...127, using: &rng) }, as: UTF8.self)
            let result = Normalizer().normalize(input)
            #expect(result.isIdentity && result.text == input)
        }
    }

    @Test("Normalizing is idempotent")
    func idempotent() {
        var rng = SeededGenerator(seed: 0x5EED_0004)
        let normalizer = Normalizer()
        for _ in 0..<Self.iterations {
            let once = normalizer.normalize(RandomText.make(using: &rng)).text
            #expect(normalizer.normalize(once).text == once, "\(once.debugDescription)")
        }
    }
}
