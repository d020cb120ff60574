import Foundation
import ParapetTestSupport
import Testing
@testable import ParapetEncoder

/// The hashed n-gram featurizer, the stack that combines it with a head, and the byte span each
/// window's n-grams are read from.
@Suite("Lexical model")
struct LexicalModelTests {
    /// FNV-1a 32-bit, written out separately from the featurizer's loop.
    static func fnv1a(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        bytes.reduce(UInt32(2_166_136_261)) { ($0 ^ UInt32($1)) &* 16_777_619 }
    }

    @Test("normalised bytes: ASCII lowercased, whitespace runs one space, padded", arguments: [
        ("", "  "),
        ("Hi", " hi "),
        ("  Hi\t\n there  ", "  hi there  "),
        ("ÉCOLE Été", " \u{C9}cole \u{C9}t\u{E9} "),
        ("a\u{0B}\u{0C}\rb", " a b "),
    ])
    func normalizedBytes(input: String, expected: String) {
        #expect(HashedNgramFeatures.normalizedBytes(Array(input.utf8)) == Array(expected.utf8))
    }

    @Test("components equal a naive count of hashed n-grams, scaled to unit length")
    func componentsMatchNaiveCount() throws {
        var random = SeededGenerator(seed: 41)
        let alphabet = Array("aAbB zZ\t\n.é漢😀-_".unicodeScalars)
        let features = try #require(HashedNgramFeatures(sizes: [1, 3, 5], bits: 10))
        for _ in 0..<300 {
            let length = Int.random(in: 0..<40, using: &random)
            var text = String.UnicodeScalarView()
            for _ in 0..<length { text.append(alphabet[Int.random(in: 0..<alphabet.count, using: &random)]) }
            let bytes = HashedNgramFeatures.normalizedBytes(Array(String(text).utf8))
            var counts: [Int: Int] = [:]
            for n in features.sizes where bytes.count >= n {
                for start in 0...(bytes.count - n) {
                    counts[Int(Self.fnv1a(bytes[start..<(start + n)]) & 1023), default: 0] += 1
                }
            }
            let raw = counts.mapValues { 1 + log(Double($0)) }
            let norm = raw.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
            let got = features.components(of: Array(String(text).utf8))
            #expect(got.map(\.bucket) == raw.keys.sorted())
            for c in got {
                #expect(abs(Double(c.value) - (raw[c.bucket] ?? 0) / norm) < 1e-6)
            }
        }
    }

    @Test("idf scales each bucket before the unit-length scaling")
    func idfWeights() throws {
        let features = try #require(HashedNgramFeatures(sizes: [2], bits: 4))
        let plain = features.components(of: Array("abcabc".utf8))
        var idf = [Float](repeating: 1, count: 16)
        idf[plain[0].bucket] = 3
        let weighted = features.components(of: Array("abcabc".utf8), idf: idf)
        let ratio = Double(weighted[0].value / weighted[1].value) / Double(plain[0].value / plain[1].value)
        #expect(abs(ratio - 3) < 1e-5)
        #expect(abs(weighted.reduce(0) { $0 + Double($1.value * $1.value) } - 1) < 1e-5)
    }

    @Test("out-of-range sizes and bits are refused")
    func badConfiguration() {
        #expect(HashedNgramFeatures(sizes: [], bits: 10) == nil)
        #expect(HashedNgramFeatures(sizes: [0, 3], bits: 10) == nil)
        #expect(HashedNgramFeatures(sizes: [17], bits: 10) == nil)
        #expect(HashedNgramFeatures(sizes: [3], bits: 25) == nil)
    }

    @Test("the stack: identity weights give the head's probability back; the lexical term shifts the logit")
    func stack() {
        let identity = LexicalModel.Stack(encoder: 1, lexical: 0, bias: 0)
        for p in [0.01, 0.3, 0.5, 0.97] { #expect(abs(identity.probability(encoder: p, lexical: 42) - p) < 1e-12) }
        let shifted = LexicalModel.Stack(encoder: 1, lexical: 2, bias: -1)
        // logit(0.5) = 0, so z = 2 · 1.5 − 1 = 2.
        #expect(abs(shifted.probability(encoder: 0.5, lexical: 1.5) - 1 / (1 + exp(-2.0))) < 1e-12)
        #expect(shifted.probability(encoder: 1, lexical: 0).isFinite)  // clipped, not infinite
    }

    @Test("window byte spans: the whole text for one window; else in bounds, on scalar starts, covering the text")
    func byteSpans() {
        var random = SeededGenerator(seed: 7)
        let pieces = ["word ", "é", "漢字", "😀", "ab", " "]
        for _ in 0..<500 {
            var text = ""
            for _ in 0..<Int.random(in: 1..<300, using: &random) { text += pieces[Int.random(in: 0..<pieces.count, using: &random)] }
            let bytes = Array(text.utf8)
            let tokens = Int.random(in: 1..<400, using: &random)
            let ranges = Encoder.windowRanges(tokenCount: tokens, length: 34, overlap: 8)
            var covered = [Bool](repeating: false, count: bytes.count)
            for range in ranges {
                let span = Classifier.byteSpan(of: range, tokenCount: tokens, windowCount: ranges.count, in: bytes)
                #expect(span.lowerBound >= 0 && span.upperBound <= bytes.count && !span.isEmpty)
                if ranges.count == 1 { #expect(span == 0..<bytes.count) }
                #expect(span.lowerBound == bytes.count || bytes[span.lowerBound] & 0xC0 != 0x80)
                #expect(span.upperBound == bytes.count || bytes[span.upperBound] & 0xC0 != 0x80)
                for i in span { covered[i] = true }
            }
            #expect(covered.allSatisfy { $0 })
        }
    }

    @Test("window token ranges cover every token with the requested overlap")
    func windowRanges() {
        #expect(Encoder.windowRanges(tokenCount: 0, length: 10, overlap: 2) == [0..<0])
        #expect(Encoder.windowRanges(tokenCount: 8, length: 10, overlap: 2) == [0..<8])
        #expect(Encoder.windowRanges(tokenCount: 20, length: 10, overlap: 2) == [0..<8, 6..<14, 12..<20])
    }
}

/// The recipe's golden values (`classifiers/training/ngram_golden.jsonl`, written by
/// `ngram.py golden`): the Swift featurizer gives the same normalised bytes and vectors, and the
/// shipped bundle's n-gram model the same decision values.
@Suite("Lexical model against the recipe")
struct LexicalGoldenTests {
    static let path = TestSupport.repoRoot + "/classifiers/training/ngram_golden.jsonl"

    static func rows() throws -> [[String: Any]] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try text.split(separator: "\n").compactMap { line in
            let row = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return row?["text"] == nil ? nil : row
        }
    }

    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    @Test("normalised bytes and the small configuration's vectors match the recipe")
    func featuresMatch() throws {
        let rows = try Self.rows()
        #expect(rows.count >= 40)
        let features = try #require(HashedNgramFeatures(sizes: [3, 4, 5], bits: 12))
        for row in rows {
            let text = try #require(row["text"] as? String)
            let bytes = Array(text.utf8)
            #expect(Self.hex(HashedNgramFeatures.normalizedBytes(bytes)) == row["normalized_hex"] as? String, "\(text.prefix(30))")
            let want = try #require(row["small"] as? [[Double]])
            let got = features.components(of: bytes)
            #expect(got.map(\.bucket) == want.map { Int($0[0]) }, "\(text.prefix(30))")
            for (c, w) in zip(got, want) { #expect(abs(Double(c.value) - w[1]) < 1e-6) }
        }
    }

    @Test("the shipped bundle's n-gram model gives the recipe's decision values")
    func shippedModelMatches() throws {
        let bundle = RealBundleTests.directory
        guard TestSupport.modelAvailable || TestSupport.isCI else { return }
        let loaded = try ClassifierBundle(directory: bundle, modelsDirectory: ClassifierFixture.modelsDirectory)
        guard let lexical = loaded.lexical else {
            Issue.record("the shipped bundle has no lexical model")
            return
        }
        var worst = 0.0
        for row in try Self.rows() {
            let text = try #require(row["text"] as? String)
            let want = try #require(row["s"] as? [String: Double])
            let got = lexical.decisionValues(Array(text.utf8))
            for task in lexical.tasks {
                let err = abs((got[task] ?? .nan) - (want[task] ?? .nan))
                worst = max(worst, err)
                #expect(err < 1e-4, "\(task) of \(text.prefix(30)): \(got[task] ?? .nan) vs \(want[task] ?? .nan)")
            }
        }
        print("lexical golden: worst |Δs| = \(worst)")
    }
}
