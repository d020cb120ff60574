/// Naive loops with the same contract as ``BLAS``, the yardstick the tests hold it to.
enum Reference {
    /// C(m×n) = alpha · A(m×k) · op(B) + beta · C, accumulated in Double.
    @_optimize(speed) static func gemm(
        m: Int, n: Int, k: Int, alpha: Float = 1,
        a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int, transB: Bool,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        for i in 0..<m {
            for j in 0..<n {
                var sum = 0.0
                for p in 0..<k {
                    let bv = transB ? b[j * ldb + p] : b[p * ldb + j]
                    sum += Double(a[i * lda + p]) * Double(bv)
                }
                let prior = beta == 0 ? 0 : Double(beta) * Double(c[i * ldc + j])
                c[i * ldc + j] = Float(Double(alpha) * sum + prior)
            }
        }
    }

    /// Layer norm of each row, scalar.
    static func layerNorm(_ x: inout [Float], cols: Int, gamma: [Float], beta: [Float], eps: Float) {
        for r in 0..<(x.count / cols) {
            let row = x[(r * cols)..<((r + 1) * cols)].map(Double.init)
            let mean = row.reduce(0, +) / Double(cols)
            let variance = row.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(cols)
            let inv = 1 / (variance + Double(eps)).squareRoot()
            for c in 0..<cols {
                x[r * cols + c] = Float((row[c] - mean) * inv) * gamma[c] + beta[c]
            }
        }
    }

    /// GELU, erf form: x · Φ(x).
    static func gelu(_ x: Float) -> Float {
        Float(0.5 * Double(x) * (1 + erf(Double(x) / 2.0.squareRoot())))
    }

    /// Softmax of one row.
    static func softmax(_ x: [Float]) -> [Float] {
        let m = x.max() ?? 0
        let e = x.map { exp(Double($0 - m)) }
        let s = e.reduce(0, +)
        return e.map { Float($0 / s) }
    }
}

#if canImport(Glibc)
import func Glibc.erf
import func Glibc.exp
#elseif canImport(Darwin)
import func Darwin.erf
import func Darwin.exp
#endif
