import Foundation
import Testing
@testable import ParapetEncoder

/// The native kernels (packed fp32 GEMM, int8 GEMM, attention) against the naive reference,
/// on every instruction set this CPU runs (portable C always; AVX2 + FMA where present).
@Suite("Native kernels against the naive reference")
struct NativeKernelTests {
    typealias RNG = TestSupport.SeededRNG

    static func random(_ n: Int, _ rng: inout RNG, scale: Float = 1) -> [Float] {
        (0..<n).map { _ in Float.random(in: -scale...scale, using: &rng) }
    }

    /// Random (m, n, k): rows 1…300, odd widths, k not a multiple of 8, plus the model's shapes.
    static func shapes(_ rng: inout RNG, count: Int) -> [(m: Int, n: Int, k: Int)] {
        var out = [(1, 1, 1), (16, 1152, 384), (7, 384, 1536), (5, 17, 3)]
        for _ in 0..<count {
            out.append((Int.random(in: 1...300, using: &rng), Int.random(in: 1...80, using: &rng),
                        Int.random(in: 1...900, using: &rng)))
        }
        return out
    }

    @Test("packed fp32 GEMM with bias, residual and GELU epilogues (seed 21)", arguments: Native.available)
    func gemmF32(_ isa: Native.ISA) {
        var rng = RNG(seed: 21)
        for (trial, s) in Self.shapes(&rng, count: 30).enumerated() {
            let (m, n, k) = s
            let accumulate = trial % 2 == 1, gelu = trial % 3 == 2
            let x = Self.random(m * k, &rng), w = Self.random(n * k, &rng), bias = Self.random(n, &rng)
            let prior = Self.random(m * n, &rng)
            var want = [Float](repeating: 0, count: m * n)
            Reference.gemm(m: m, n: n, k: k, a: x, lda: k, b: w, ldb: k, transB: true, beta: 0, c: &want, ldc: n)
            for i in 0..<m {
                for j in 0..<n {
                    var v = want[i * n + j] + bias[j] + (accumulate ? prior[i * n + j] : 0)
                    if gelu { v = Reference.gelu(v) }
                    want[i * n + j] = v
                }
            }
            let packed = w.withUnsafeBufferPointer { Native.packF32($0.baseAddress, ldw: k, n: n, k: k) }
            var got = prior
            x.withUnsafeBufferPointer { xp in
                bias.withUnsafeBufferPointer { bp in
                    got.withUnsafeMutableBufferPointer { yp in
                        Native.gemmF32(m: m, n: n, k: k, x: xp.baseAddress!, ldx: k, packed: packed, bias: bp.baseAddress,
                                       y: yp.baseAddress!, ldy: n, accumulate: accumulate, activation: gelu ? .gelu : .none, isa: isa)
                    }
                }
            }
            let err = zip(got, want).map { abs($0 - $1) }.max() ?? 0
            #expect(err < 1e-4 * Float(k).squareRoot(), "\(isa) m=\(m) n=\(n) k=\(k): \(err)")
        }
    }

    @Test("int8 GEMM is exact against the naive integer product (seed 22)", arguments: Native.available)
    func gemmInt8Exact(_ isa: Native.ISA) {
        var rng = RNG(seed: 22)
        for (m, n, k) in Self.shapes(&rng, count: 30) {
            let ldq = Native.int8RowStride(k)
            var q = [Int16](repeating: 0, count: m * ldq)
            for i in 0..<m { for p in 0..<k { q[i * ldq + p] = Int16.random(in: -127...127, using: &rng) } }
            let w = (0..<(n * k)).map { _ in Int8.random(in: -127...127, using: &rng) }
            let want = Reference.gemmInt8(m: m, n: n, k: k, a: q, lda: ldq, b: w)
            let packed = w.withUnsafeBufferPointer { Native.packInt8($0.baseAddress, n: n, k: k) }
            var got = [Int32](repeating: 0, count: m * n)
            q.withUnsafeBufferPointer { qp in
                got.withUnsafeMutableBufferPointer { yp in
                    Native.gemmInt8Raw(m: m, n: n, k: k, q: qp.baseAddress!, packed: packed, y: yp.baseAddress!, ldy: n, isa: isa)
                }
            }
            #expect(got == want, "\(isa) m=\(m) n=\(n) k=\(k)")
        }
    }

    @Test("per-row activation quantization and the int8 float epilogue (seed 23)", arguments: Native.available)
    func int8Epilogue(_ isa: Native.ISA) {
        var rng = RNG(seed: 23)
        for (trial, s) in Self.shapes(&rng, count: 12).enumerated() {
            let (m, n, k) = s
            let x = Self.random(m * k, &rng, scale: 3)
            let ldq = Native.int8RowStride(k)
            var q = [Int16](repeating: 0, count: m * ldq), rs = [Float](repeating: 0, count: m)
            x.withUnsafeBufferPointer { xp in
                q.withUnsafeMutableBufferPointer { qp in
                    rs.withUnsafeMutableBufferPointer { Native.quantizeRows(m: m, k: k, x: xp.baseAddress!, ldx: k, q: qp.baseAddress!, scales: $0.baseAddress!, isa: isa) }
                }
            }
            for i in 0..<m {
                let row = (0..<k).map { Int(q[i * ldq + $0]) }
                #expect(row.map(abs).max() == 127)
                for p in 0..<k { #expect(abs(Float(row[p]) * rs[i] - x[i * k + p]) <= rs[i] * 0.5001) }
            }
            let w = (0..<(n * k)).map { _ in Int8.random(in: -127...127, using: &rng) }
            let cs = (0..<n).map { _ in Float.random(in: 0.001...0.02, using: &rng) }, bias = Self.random(n, &rng)
            let accumulate = trial % 2 == 0, gelu = trial % 3 == 0
            let prior = Self.random(m * n, &rng)
            let exact = Reference.gemmInt8(m: m, n: n, k: k, a: q, lda: ldq, b: w)
            let packed = w.withUnsafeBufferPointer { Native.packInt8($0.baseAddress, n: n, k: k) }
            var got = prior
            q.withUnsafeBufferPointer { qp in
                got.withUnsafeMutableBufferPointer { yp in
                    Native.gemmInt8(m: m, n: n, k: k, q: qp.baseAddress!, rowScales: rs, packed: packed, colScales: cs, bias: bias,
                                    y: yp.baseAddress!, ldy: n, accumulate: accumulate, activation: gelu ? .gelu : .none, isa: isa)
                }
            }
            var err: Float = 0
            for i in 0..<m {
                for j in 0..<n {
                    var v = Float(Double(exact[i * n + j]) * Double(rs[i]) * Double(cs[j])) + bias[j] + (accumulate ? prior[i * n + j] : 0)
                    if gelu { v = Reference.gelu(v) }
                    err = max(err, abs(v - got[i * n + j]) / max(1, abs(v)))
                }
            }
            #expect(err < 1e-5, "\(isa) m=\(m) n=\(n) k=\(k): \(err)")
        }
    }

    @Test("attention, GELU and softmax match the reference (seed 24)", arguments: Native.available)
    func attention(_ isa: Native.ISA) {
        var rng = RNG(seed: 24)
        for (len, heads, d) in [(1, 1, 1), (5, 2, 8), (37, 3, 32), (130, 12, 32), (17, 2, 20)] {
            let c = heads * d
            let qkv = Self.random(len * 3 * c, &rng, scale: 2)
            let want = Reference.attention(qkv: qkv, length: len, heads: heads, headSize: d)
            var got = [Float](repeating: 0, count: len * c)
            var scratch = [Float](repeating: 0, count: Native.attentionScratchCount(length: len, headSize: d))
            got.withUnsafeMutableBufferPointer { g in
                scratch.withUnsafeMutableBufferPointer { s in
                    Native.attention(qkv: qkv, ldqkv: 3 * c, length: len, heads: heads, headSize: d, hidden: c,
                                     context: g.baseAddress!, ldc: c, scratch: s.baseAddress!, isa: isa)
                }
            }
            #expect((zip(got, want).map { abs($0 - $1) }.max() ?? 1) < 1e-5, "\(isa) L=\(len) heads=\(heads) d=\(d)")
        }
        let x = (0..<1003).map { _ in Float.random(in: -12...12, using: &rng) }
        var g = x
        g.withUnsafeMutableBufferPointer { Native.gelu($0.baseAddress!, count: $0.count, isa: isa) }
        #expect((zip(g, x.map(Reference.gelu)).map { abs($0 - $1) }.max() ?? 1) < 2e-6)
        for len in [1, 7, 8, 9, 64, 255] {
            let s = Self.random(len, &rng, scale: 30)
            var y = s
            y.withUnsafeMutableBufferPointer { Native.softmax($0.baseAddress!, count: len, scale: 0.5, isa: isa) }
            #expect((zip(y, Reference.softmax(s.map { $0 * 0.5 })).map { abs($0 - $1) }.max() ?? 1) < 1e-6, "len \(len)")
        }
    }
}
