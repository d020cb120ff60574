import Foundation
import Testing
@testable import ParapetEncoder

@Suite("Quantized variants")
struct QuantizationTests {
    @Test("per-row int8 round-trips within half a step")
    func int8Rows() {
        let w: [Float] = [0.5, -1, 0.25, 0, 0, 0, 3, 2, -3]
        let (q, s) = Quantizer.quantizeRows(w, rows: 3, cols: 3)
        #expect(q[1] == -127 && q[6] == 127 && s[1] == 1)
        for (i, v) in w.enumerated() { #expect(abs(Float(q[i]) * s[i / 3] - v) <= s[i / 3] / 2) }
        let (n, ns) = Quantizer.quantizeRows(w, rows: 3, cols: 3, levels: Quantizer.narrowLevels)
        #expect(n[1] == -64 && n[6] == 64 && ns[0] == 1.0 / 64 && ns[1] == 1)
        for (i, v) in w.enumerated() { #expect(abs(Float(n[i]) * ns[i / 3] - v) <= ns[i / 3] / 2) }
    }

    @Test("A weight holding NaN or an infinity is refused by name, not trapped", arguments: [Float.nan, .infinity, -.infinity])
    func nonFiniteWeightsAreRefused(_ value: Float) throws {
        let source = NSTemporaryDirectory() + "parapet-nan-\(UUID().uuidString)"
        let dest = source + "-int8"
        defer {
            try? FileManager.default.removeItem(atPath: source)
            try? FileManager.default.removeItem(atPath: dest)
        }
        try FileManager.default.createDirectory(atPath: source, withIntermediateDirectories: true)
        var writer = SafetensorsWriter()
        writer.add("encoder.layer.0.attention.self.query.weight", floats: [0.5, -1, value, 2], shape: [2, 2])
        try Data(writer.bytes()).write(to: URL(fileURLWithPath: source + "/model.safetensors"))
        #expect {
            try Quantizer.write(source: source, destination: dest, format: .int8)
        } throws: { error in
            guard let error = error as? EncoderError else { return false }
            return error.code == .nonFiniteWeight && error.tensor == "encoder.layer.0.attention.self.query.weight"
                && error.message.contains("element 2")
        }
        // The half-precision variants keep non-finite values as they are (no scale is taken).
        try Quantizer.write(source: source, destination: dest, format: .f16)
    }

    @Test("int8, f16 and bf16 variants load and keep mean cosine ≥ 0.995 to fp32", arguments: Quantizer.Format.allCases)
    func variants(_ format: Quantizer.Format) throws {
        guard TestSupport.modelAvailable else {
            #expect(!TestSupport.isCI, "model missing under CI: run Scripts/fetch-model.sh")
            print("skipped: model not in models-cache")
            return
        }
        let dest = NSTemporaryDirectory() + "parapet-q-\(format.rawValue)-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dest) }
        let size = try Quantizer.write(source: TestSupport.modelDirectory, destination: dest, format: format)
        let enc = try Encoder(directory: dest)
        // The first 56 records are the dev texts the figures in docs/encoder.md quote; the last
        // 4 are 2–6 windows long (full 256-token windows), reported beside them.
        let all = try TestSupport.jsonLines("expected_embeddings.jsonl")
        let got = try enc.embed(all.map { $0["text"] as? String ?? "" }, pooling: .mean)
        var cosines: [Double] = []
        for (r, v) in zip(all, got) {
            let want = (r["mean"] as? [Double] ?? []).map(Float.init)
            let dot = zip(v, want).reduce(0.0) { $0 + Double($1.0 * $1.1) }
            let nv = v.reduce(0.0) { $0 + Double($1 * $1) }.squareRoot()
            let nw = want.reduce(0.0) { $0 + Double($1 * $1) }.squareRoot()
            cosines.append(dot / (nv * nw))
        }
        let dev = Array(cosines.prefix(56)), long = Array(cosines.dropFirst(56))
        let mean = dev.reduce(0, +) / Double(dev.count)
        print("\(format.rawValue): weights \(size / 1_000_000) MB, mean cosine \(mean), min \(dev.min() ?? 0); "
              + "long texts (\(long.count)): mean \(long.reduce(0, +) / Double(max(1, long.count))), min \(long.min() ?? 0)")
        #expect(mean >= 0.995)
    }
}
