import Foundation
import Testing
@testable import ParapetEncoder

@Suite("WordPiece tokenizer")
struct WordPieceTokenizerTests {
    /// The vocabulary comes from the cached model; the golden ids from the reference tokenizer.
    static func tokenizers() throws -> [String: WordPieceTokenizer]? {
        guard TestSupport.modelAvailable else { return nil }
        let vocab = try Vocabulary.load(vocabTxt: TestSupport.modelDirectory + "/vocab.txt")
        var keep = TokenizerOptions()
        keep.stripAccents = false
        var cased = TokenizerOptions()
        cased.lowercase = false
        return [
            "default": try WordPieceTokenizer(vocabulary: vocab),
            "keep_accents": try WordPieceTokenizer(vocabulary: vocab, options: keep),
            "cased": try WordPieceTokenizer(vocabulary: vocab, options: cased),
        ]
    }

    @Test("matches BertTokenizerFast on every golden text")
    func golden() throws {
        guard let toks = try Self.tokenizers() else {
            #expect(!TestSupport.isCI, "model missing under CI: run Scripts/fetch-model.sh")
            print("skipped: model not in models-cache (run Scripts/fetch-model.sh)")
            return
        }
        let records = try TestSupport.jsonLines("tokenizer_golden.jsonl")
        #expect(records.count >= 2000)
        var failures = 0
        for r in records {
            let text = r["text"] as? String ?? ""
            let cfg = r["cfg"] as? String ?? "default"
            let want = (r["ids"] as? [Int] ?? []).map(Int32.init)
            guard let tok = toks[cfg] else { Issue.record("unknown cfg \(cfg)"); continue }
            let got: Encoding
            if let m = r["max_length"] as? Int, let p = r["pad_to"] as? Int {
                got = tok.encode(text, maxLength: m, padTo: p)
                #expect(got.attentionMask == (r["mask"] as? [Int] ?? []).map(Int32.init))
            } else {
                got = tok.encode(text)
            }
            if got.ids != want {
                failures += 1
                if failures <= 10 {
                    Issue.record("[\(cfg)] \(text.unicodeScalars.map { String($0.value, radix: 16) }): got \(got.ids) want \(want)")
                }
            }
        }
        #expect(failures == 0, "\(failures) of \(records.count) golden cases differ")
    }

    @Test("special tokens and unknown words")
    func basics() throws {
        let vocab = Vocabulary(tokens: ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "un", "##aff", "##able", "a", "!"])
        let tok = try WordPieceTokenizer(vocabulary: vocab)
        #expect(tok.tokenize("Unaffable!") == [4, 5, 6, 8])
        #expect(tok.tokenize("unaffablex") == [1])
        #expect(tok.tokenize(String(repeating: "a", count: 101)) == [1])
        #expect(tok.encode("a", padTo: 5).ids == [2, 7, 3, 0, 0])
        #expect(tok.encode("a a a a", maxLength: 4).ids == [2, 7, 7, 3])
        #expect(throws: EncoderError.self) { try WordPieceTokenizer(vocabulary: Vocabulary(tokens: ["a"])) }
    }

    @Test("never traps on arbitrary Unicode (seeded)")
    func arbitraryUnicode() throws {
        let vocab = Vocabulary(tokens: ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "a", "##a", "é", "中"])
        let tok = try WordPieceTokenizer(vocabulary: vocab)
        var rng = TestSupport.SeededRNG(seed: 42)
        for _ in 0..<3000 {
            var s = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0..<60, using: &rng) {
                let v = UInt32.random(in: 0..<0x110000, using: &rng)
                if let u = Unicode.Scalar(v) { s.append(u) }
            }
            let e = tok.encode(String(s), maxLength: 32, padTo: 32)
            #expect(e.ids.count == 32)
            #expect(e.ids.allSatisfy { $0 >= 0 && Int($0) < vocab.tokens.count })
        }
    }
}
