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
        for (trial, s) in Self.shapes(&rng, count: 30).enumerated() {
            let (m, n, k) = s
            let ldq = Native.int8RowStride(k)
            var q = [UInt8](repeating: 0, count: m * ldq)
            // Codes span 0…127 (the widest pair sum vpmaddubsw must hold without saturating is
            // 2 · 127 · 128); every third trial uses only the extremes, with weights of -128/127.
            // Odd trials use narrow weights (±64: two pair sums added in int16 must not overflow).
            let extremes = trial % 3 == 0, narrow = trial % 2 == 1
            for i in 0..<m {
                for p in 0..<k { q[i * ldq + p] = extremes ? (Bool.random(using: &rng) ? 127 : 0) : UInt8.random(in: 0...127, using: &rng) }
            }
            let (lo, hi): (Int8, Int8) = narrow ? (-64, 64) : (.min, .max)
            let w = (0..<(n * k)).map { _ in
                extremes ? (Bool.random(using: &rng) ? lo : hi) : Int8.random(in: (narrow ? lo : -127)...hi, using: &rng)
            }
            let want = Reference.gemmInt8(m: m, n: n, k: k, a: q, lda: ldq, b: w)
            let packed = w.withUnsafeBufferPointer { Native.packInt8($0.baseAddress, n: n, k: k) }
            #expect(packed.narrow == narrow)
            let got = TestSupport.rawInt8Product(m: m, n: n, k: k, q: q, packed: packed, isa: isa)
            #expect(got == want, "\(isa) m=\(m) n=\(n) k=\(k)")
        }
    }

    @Test("per-group activation quantization and the int8 float epilogue (seed 23)", arguments: Native.available)
    func int8Epilogue(_ isa: Native.ISA) {
        var rng = RNG(seed: 23)
        for (trial, s) in Self.shapes(&rng, count: 12).enumerated() {
            let (m, n, k) = s
            let x = Self.random(m * k, &rng, scale: 3).map { trial % 4 == 1 ? max($0, -0.17) : $0 }
            let ldq = Native.int8RowStride(k), groups = Native.int8Groups(k), width = 128
            var q = [UInt8](repeating: 0, count: m * ldq), rs = [Float](repeating: 0, count: m * groups)
            var ro = [Float](repeating: 0, count: m * groups)
            x.withUnsafeBufferPointer { xp in
                q.withUnsafeMutableBufferPointer { qp in
                    rs.withUnsafeMutableBufferPointer { sp in
                        ro.withUnsafeMutableBufferPointer {
                            Native.quantizeRows(m: m, k: k, x: xp.baseAddress!, ldx: k, q: qp.baseAddress!,
                                                scales: sp.baseAddress!, offsets: $0.baseAddress!, isa: isa)
                        }
                    }
                }
            }
            #expect(groups == (k + width - 1) / width)
            for i in 0..<m {
                #expect((k..<ldq).allSatisfy { q[i * ldq + $0] == 0 })
                for g in 0..<groups {
                    let cols = (g * width)..<min(k, (g + 1) * width)
                    let codes = cols.map { Int(q[i * ldq + $0]) }
                    let scale = rs[i * groups + g], offset = ro[i * groups + g]
                    let constant = Set(cols.map { x[i * k + $0] }).count == 1
                    #expect(codes.min() == 0 && codes.max() == (constant ? 0 : 127))
                    for p in cols {
                        let back = Float(q[i * ldq + p]) * scale + offset, v = x[i * k + p]
                        #expect(abs(back - v) <= scale * 0.5001 + 1e-6 * abs(v), "row \(i) col \(p): \(back) vs \(v)")
                    }
                }
            }
            let limit: Int8 = trial % 2 == 1 ? 64 : 127
            let w = (0..<(n * k)).map { _ in Int8.random(in: -limit...limit, using: &rng) }
            let cs = (0..<n).map { _ in Float.random(in: 0.001...0.02, using: &rng) }, bias = Self.random(n, &rng)
            let accumulate = trial % 2 == 0, gelu = trial % 3 == 0
            let prior = Self.random(m * n, &rng)
            let packed = w.withUnsafeBufferPointer { Native.packInt8($0.baseAddress, n: n, k: k) }
            var got = prior
            q.withUnsafeBufferPointer { qp in
                got.withUnsafeMutableBufferPointer { yp in
                    Native.gemmInt8(m: m, n: n, k: k, q: qp.baseAddress!, rowScales: rs, rowOffsets: ro, packed: packed,
                                    colScales: cs, bias: bias, y: yp.baseAddress!, ldy: n, accumulate: accumulate,
                                    activation: gelu ? .gelu : .none, isa: isa)
                }
            }
            // The reference: the dequantized activations (code · scale + offset of its group)
            // times the int8 weights, in Double. The kernel sums the groups' partial products in
            // Float (as the fp32 GEMM sums products), so beside 1e-5 relative the tolerance allows
            // 16 ulps of the magnitude those partials carry, Σ_g (scale_g · Σ code·|w| + |offset_g| · Σ |w|).
            var worst: Float = 0
            for i in 0..<m {
                let xq = (0..<k).map { p in Double(q[i * ldq + p]) * Double(rs[i * groups + p / width]) + Double(ro[i * groups + p / width]) }
                let mag = (0..<k).map { p in Double(q[i * ldq + p]) * Double(rs[i * groups + p / width]) + abs(Double(ro[i * groups + p / width])) }
                for j in 0..<n {
                    let dot = (0..<k).reduce(0.0) { $0 + xq[$1] * Double(w[j * k + $1]) }
                    let size = (0..<k).reduce(0.0) { $0 + mag[$1] * Double(abs(Int(w[j * k + $1]))) } * Double(cs[j])
                    var v = Float(dot * Double(cs[j])) + bias[j] + (accumulate ? prior[i * n + j] : 0)
                    if gelu { v = Reference.gelu(v) }
                    let tolerance = 1e-5 * max(1, abs(v)) + 16 * Float.ulpOfOne * Float(size)
                    worst = max(worst, abs(v - got[i * n + j]) / tolerance)
                }
            }
            #expect(worst < 1, "\(isa) m=\(m) n=\(n) k=\(k): error / tolerance \(worst)")
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
