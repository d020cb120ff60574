import Foundation
import Testing
@testable import ParapetEncoder

/// The int8 attention of the int8 model: its packers byte for byte against quantizing naively
/// and packing with the int8 GEMM's own packer, and the whole attention against the naive int8
/// arithmetic (tight) and against fp32 attention (within what the quantization costs).
@Suite("int8 attention against the naive reference")
struct NativeAttentionInt8Tests {
    typealias RNG = TestSupport.SeededRNG

    /// (length, heads, headSize): the model's head width (32), wider heads, widths the AVX2
    /// paths do not take (8, 20, 24), lengths across the 16-key panels and 128-key groups.
    static let shapes = [(1, 1, 1), (1, 2, 32), (5, 2, 8), (37, 3, 32), (130, 12, 32), (17, 2, 20), (64, 2, 64),
                         (256, 2, 32), (33, 1, 24), (200, 1, 96)]

    /// Narrow symmetric codes of `xs` as the packers make them: scale = max|x| / 64 (1 when
    /// all zero), code = round(x · 64 / max|x|) in Float.
    static func narrowCodes(_ xs: [Float]) -> (codes: [Int8], scale: Float) {
        let m = xs.map(abs).max() ?? 0
        let inv: Float = m > 0 ? 64 / m : 0
        return (xs.map { Int8(($0 * inv).rounded(.toNearestOrEven)) }, m > 0 ? m / 64 : 1)
    }

    @Test("K and V packers equal naive codes packed by packInt8 (seed 31)", arguments: Native.available)
    func packers(_ isa: Native.ISA) {
        var rng = RNG(seed: 31)
        for (len, _, d) in Self.shapes + [(300, 1, 40), (129, 1, 16), (7, 1, 128)] {
            let ld = 3 * d + 5
            var x = (0..<(len * ld)).map { _ in Float.random(in: -3...3, using: &rng) }
            if len > 3 { for p in 0..<d { x[2 * ld + p] = 0 } }  // a zero key row
            if d > 1 { for i in 0..<len { x[i * ld + 1] = 0 } }  // a zero value column
            let keys = (0..<len).map { j in Self.narrowCodes(Array(x[(j * ld)..<(j * ld + d)])) }
            let kw = keys.flatMap(\.codes)
            let wantK = kw.withUnsafeBufferPointer { Native.packInt8($0.baseAddress, n: len, k: d) }
            let cols = (0..<d).map { p in Self.narrowCodes((0..<len).map { x[$0 * ld + p] }) }
            let vw = cols.flatMap(\.codes)
            let wantV = vw.withUnsafeBufferPointer { Native.packInt8($0.baseAddress, n: d, k: len) }
            #expect(wantK.narrow && wantV.narrow)
            let (gotK, ks) = x.withUnsafeBufferPointer { Native.packKeysInt8($0.baseAddress!, ld: ld, length: len, headSize: d, isa: isa) }
            let (gotV, vs) = x.withUnsafeBufferPointer { Native.packValuesInt8($0.baseAddress!, ld: ld, length: len, headSize: d, isa: isa) }
            #expect(gotK == Array(UnsafeBufferPointer(start: wantK.buffer.pointer, count: wantK.buffer.count)), "\(isa) K len=\(len) d=\(d)")
            #expect(ks == keys.map(\.scale), "\(isa) K scales len=\(len) d=\(d)")
            #expect(gotV == Array(UnsafeBufferPointer(start: wantV.buffer.pointer, count: wantV.buffer.count)), "\(isa) V len=\(len) d=\(d)")
            #expect(vs == cols.map(\.scale), "\(isa) V scales len=\(len) d=\(d)")
        }
    }

    @Test("8-bit codes against narrow weights are exact on the one-pair kernel (seed 33)", arguments: Native.available)
    func eightBitCodes(_ isa: Native.ISA) {
        var rng = RNG(seed: 33)
        for (trial, (m, n, k)) in [(1, 1, 1), (24, 32, 256), (7, 17, 300), (13, 48, 129), (6, 16, 64)].enumerated() {
            let ldq = Native.int8RowStride(k)
            let extremes = trial % 2 == 0  // only 0/255 against only −64/64: the widest pair sums
            var q = [UInt8](repeating: 0, count: m * ldq)
            for i in 0..<m { for p in 0..<k { q[i * ldq + p] = extremes ? (Bool.random(using: &rng) ? 255 : 0) : .random(in: 0...255, using: &rng) } }
            let w = (0..<(n * k)).map { _ in extremes ? (Bool.random(using: &rng) ? Int8(-64) : 64) : Int8.random(in: -64...64, using: &rng) }
            let want = Reference.gemmInt8(m: m, n: n, k: k, a: q, lda: ldq, b: w)
            let packed = w.withUnsafeBufferPointer { Native.packInt8($0.baseAddress, n: n, k: k) }
            let onePair = PackedInt8(buffer: packed.buffer, narrow: false)
            let got = TestSupport.rawInt8Product(m: m, n: n, k: k, q: q, packed: onePair, isa: isa)
            #expect(got == want, "\(isa) m=\(m) n=\(n) k=\(k)")
        }
    }

    @Test("int8 attention matches the naive int8 arithmetic and stays near fp32 (seed 32)", arguments: Native.available)
    func attention(_ isa: Native.ISA) {
        var rng = RNG(seed: 32)
        for (len, heads, d) in Self.shapes {
            let c = heads * d
            let qkv = (0..<(len * 3 * c)).map { _ in Float.random(in: -2...2, using: &rng) }
            var got = [Float](repeating: 0, count: len * c)
            var scratch = [Float](repeating: 0, count: Native.attentionInt8ScratchCount(length: len, heads: heads, headSize: d))
            got.withUnsafeMutableBufferPointer { g in
                scratch.withUnsafeMutableBufferPointer { s in
                    Native.attentionInt8(qkv: qkv, ldqkv: 3 * c, length: len, heads: heads, headSize: d, hidden: c,
                                         context: g.baseAddress!, ldc: c, scratch: s.baseAddress!, isa: isa)
                }
            }
            // Against the same quantization done naively: the codes of Q, K and V are identical,
            // the scores differ only by Float rounding (and the AVX2 exp is a cubic good to 8e-5),
            // so a softmax code can flip by one where 255 · exp(…) sits near a half. One flip
            // moves a context value by at most 2 · max|V| / Σ codes ≤ 2 · max|V| / 255; the
            // bound allows two.
            let naive = Reference.attentionInt8(qkv: qkv, length: len, heads: heads, headSize: d)
            var maxV: Float = 0
            for i in 0..<len { for p in 0..<c { maxV = max(maxV, abs(qkv[i * 3 * c + 2 * c + p])) } }
            let flip: Float = zip(got, naive).map { abs($0 - $1) }.max() ?? 1
            let bound: Float = 4 * maxV / Float(Native.softmaxCodeMax) + 1e-5
            #expect(flip <= bound, "\(isa) L=\(len) heads=\(heads) d=\(d): \(flip)")
            // Against fp32: the relative (Frobenius) error the quantization costs. Q carries 7
            // bits of its row's range, K and V steps of 1/64 of their row's or column's max|x|,
            // the probabilities steps of 1/255 of the row's max, each error random in sign, so
            // a few percent of the output; measured 1.2–2.5 % on these shapes (growing with L,
            // as flatter rows average V over more keys and shrink the output), so 4 % holds it
            // with margin and still catches a wrong scale or a dropped head (errors near 100 %).
            let fp32 = Reference.attention(qkv: qkv, length: len, heads: heads, headSize: d)
            var err = 0.0, norm = 0.0
            for (a, b) in zip(got, fp32) {
                err += Double(a - b) * Double(a - b)
                norm += Double(b) * Double(b)
            }
            err = err.squareRoot()
            norm = norm.squareRoot()
            print("int8 attention \(isa) L=\(len) heads=\(heads) d=\(d): max |Δ| vs naive int8 \(flip), relative error vs fp32 \(err / norm)")
            #expect(err <= 0.04 * norm, "\(isa) L=\(len) heads=\(heads) d=\(d): relative error \(err / norm)")
        }
    }
}
