import Foundation
import Testing
@testable import ParapetEncoder

@Suite("Encoder forward pass against transformers + torch")
struct EncoderTests {
    /// Loads the cached model once; nil (skip) locally when absent, a failure under CI.
    static let encoder: Encoder? = {
        guard TestSupport.modelAvailable else { return nil }
        return try? Encoder(directory: TestSupport.modelDirectory, threads: 1)
    }()

    static func requireEncoder() -> Encoder? {
        if let e = encoder { return e }
        if TestSupport.isCI || TestSupport.modelAvailable {
            Issue.record("model not loadable from \(TestSupport.modelDirectory): run Scripts/fetch-model.sh")
        } else {
            print("skipped: model not in models-cache (run Scripts/fetch-model.sh)")
        }
        return nil
    }

    @Test("pooled embeddings match the reference within 1e-4 on 60 texts", arguments: Pooling.allCases)
    func matchesReference(_ pooling: Pooling) throws {
        guard let enc = Self.requireEncoder() else { return }
        let records = try TestSupport.jsonLines("expected_embeddings.jsonl")
        #expect(records.count >= 50)
        let texts = records.map { $0["text"] as? String ?? "" }
        let got = try enc.embed(texts, pooling: pooling)
        var worst: Float = 0
        for (r, v) in zip(records, got) {
            let want = (r[pooling.rawValue] as? [Double] ?? []).map(Float.init)
            #expect(want.count == v.count)
            let err = zip(v, want).map { abs($0 - $1) }.max() ?? .infinity
            worst = max(worst, err)
            #expect(err <= 1e-4, "text \(r["id"] ?? "?"): max |Δ| = \(err)")
        }
        print("\(pooling): worst |Δ| = \(worst)")
    }

    @Test("long texts are read in overlapping windows")
    func windows() throws {
        guard let enc = Self.requireEncoder() else { return }
        let text = Array(repeating: "guard", count: 600).joined(separator: " ") + " secret at the very end"
        let w = enc.windows(of: text)
        #expect(w.count >= 3)
        #expect(w.allSatisfy { $0.count <= enc.windowLength && $0.first == enc.tokenizer.clsId && $0.last == enc.tokenizer.sepId })
        #expect(try enc.windowEmbeddings(text, pooling: .mean).count == w.count)
        let tail = enc.tokenizer.tokenize("secret at the very end")
        #expect(Array(w.last?.dropLast().suffix(tail.count) ?? []) == tail)
    }

    @Test("a batch equals the texts one at a time; concurrent calls agree")
    func batchAndConcurrency() async throws {
        guard let enc = Self.requireEncoder() else { return }
        let texts = ["short", "a somewhat longer sentence with more tokens in it", "", "日本語"]
        let batch = try enc.embed(texts, pooling: .mean)
        for (t, b) in zip(texts, batch) {
            let one = try enc.embed([t], pooling: .mean)[0]
            #expect((zip(one, b).map { abs($0 - $1) }.max() ?? 1) < 1e-5)
        }
        let results = try await withThrowingTaskGroup(of: (Int, [[Float]]).self) { group in
            for i in 0..<8 { group.addTask { (i, try enc.embed(texts, pooling: .mean)) } }
            var out: [(Int, [[Float]])] = []
            for try await r in group { out.append(r) }
            return out
        }
        for (_, r) in results {
            #expect(zip(r, batch).allSatisfy { zip($0, $1).allSatisfy { abs($0 - $1) < 1e-5 } })
        }
        let unit = try enc.embed(["hello"], pooling: .mean, normalize: true)[0]
        #expect(abs(unit.reduce(0) { $0 + $1 * $1 } - 1) < 1e-4)
    }
}
