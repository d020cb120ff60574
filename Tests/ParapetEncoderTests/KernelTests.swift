import Foundation
import Testing
@testable import ParapetEncoder

@Suite("Kernels: BLAS and SIMD against the naive reference")
struct KernelTests {
    static func random(_ n: Int, _ rng: inout TestSupport.SeededRNG) -> [Float] {
        (0..<n).map { _ in Float.random(in: -1...1, using: &rng) }
    }

    @Test("sgemm matches the reference on random shapes (seed 11)")
    func gemm() {
        var rng = TestSupport.SeededRNG(seed: 11)
        for trial in 0..<60 {
            let m = Int.random(in: 1...70, using: &rng), n = Int.random(in: 1...70, using: &rng)
            let k = Int.random(in: 1...400, using: &rng)
            let transB = trial % 2 == 0
            let alpha: Float = trial % 3 == 0 ? 0.125 : 1
            let beta: Float = trial % 4 == 0 ? 1 : 0
            let a = Self.random(m * k, &rng), b = Self.random(n * k, &rng)
            let ldb = transB ? k : n
            var c1 = Self.random(m * n, &rng)
            var c2 = c1
            a.withUnsafeBufferPointer { ap in
                b.withUnsafeBufferPointer { bp in
                    c1.withUnsafeMutableBufferPointer { c in
                        BLAS.gemm(m: m, n: n, k: k, alpha: alpha, a: ap.baseAddress!, lda: k, b: bp.baseAddress!, ldb: ldb,
                                  transB: transB, beta: beta, c: c.baseAddress!, ldc: n)
                    }
                    c2.withUnsafeMutableBufferPointer { c in
                        Reference.gemm(m: m, n: n, k: k, alpha: alpha, a: ap.baseAddress!, lda: k, b: bp.baseAddress!, ldb: ldb,
                                       transB: transB, beta: beta, c: c.baseAddress!, ldc: n)
                    }
                }
            }
            let err = zip(c1, c2).map { abs($0 - $1) }.max() ?? 0
            #expect(err < 1e-4 * Float(k).squareRoot(), "m=\(m) n=\(n) k=\(k) transB=\(transB): \(err)")
        }
    }

    @Test("SIMD layer norm matches the reference (seed 12)")
    func layerNorm() {
        var rng = TestSupport.SeededRNG(seed: 12)
        let cols = 384, rows = 5
        var v = Self.random(rows * cols, &rng).map { $0 * 5 + 2 }
        let g = Self.random(cols, &rng), b = Self.random(cols, &rng)
        var r = v
        Reference.layerNorm(&r, cols: cols, gamma: g, beta: b, eps: 1e-12)
        v.withUnsafeMutableBufferPointer { vp in
            VectorMath.layerNorm(vp.baseAddress!, rows: rows, cols: cols, gamma: g, beta: b, eps: 1e-12)
        }
        #expect((zip(v, r).map { abs($0 - $1) }.max() ?? 1) < 1e-5)
    }

    @Test("OpenBLAS reports its kernel")
    func coreName() {
        #expect(!Encoder.blasCoreName.isEmpty)
    }

    @Test("a private OpenBLAS copy forced to another kernel loads and matches the reference")
    func privateCopy() {
        // This forces the SSE3 kernel on purpose (every x86-64 CPU runs it), proving the
        // dlmopen route picks the requested kernel independently of the linked copy.
        guard let p = BLASLoader.loadPrivate(coreType: "Prescott") else {
            Issue.record("dlmopen of libopenblas.so.0 failed")
            return
        }
        #expect(p.coreName == "Prescott")
        #expect(BLASLoader.selfCheck(p))
        #expect(ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] == nil, "the variable must not leak")
        var rng = TestSupport.SeededRNG(seed: 13)
        let m = 33, n = 47, k = 129
        let a = Self.random(m * k, &rng), b = Self.random(k * n, &rng)
        var c1 = [Float](repeating: 0, count: m * n), c2 = c1
        a.withUnsafeBufferPointer { ap in
            b.withUnsafeBufferPointer { bp in
                c1.withUnsafeMutableBufferPointer { c in
                    BLAS.gemm(m: m, n: n, k: k, a: ap.baseAddress!, lda: k, b: bp.baseAddress!, ldb: n, transB: false,
                              beta: 0, c: c.baseAddress!, ldc: n, backend: .privateCopy(p))
                }
                c2.withUnsafeMutableBufferPointer { c in
                    Reference.gemm(m: m, n: n, k: k, a: ap.baseAddress!, lda: k, b: bp.baseAddress!, ldb: n, transB: false,
                                   beta: 0, c: c.baseAddress!, ldc: n)
                }
            }
        }
        #expect((zip(c1, c2).map { abs($0 - $1) }.max() ?? 1) < 1e-4)
    }
}
