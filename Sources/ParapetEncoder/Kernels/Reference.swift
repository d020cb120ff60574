/// Naive loops with the same contracts as ``BLAS`` and ``Native``, the yardstick the tests
/// hold them to.
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

    /// C(m×n) = A(m×k) · Bᵀ in exact integers: A unsigned activation codes (row stride lda),
    /// B int8 (n × k).
    static func gemmInt8(m: Int, n: Int, k: Int, a: [UInt8], lda: Int, b: [Int8]) -> [Int32] {
        var c = [Int32](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                var sum: Int32 = 0
                for p in 0..<k { sum += Int32(a[i * lda + p]) * Int32(b[j * k + p]) }
                c[i * n + j] = sum
            }
        }
        return c
    }

    /// Multi-head self-attention of one sequence: qkv (L × 3C) → context (L × C), in Double.
    static func attention(qkv: [Float], length: Int, heads: Int, headSize d: Int) -> [Float] {
        let c = heads * d
        var ctx = [Float](repeating: 0, count: length * c)
        for h in 0..<heads {
            for i in 0..<length {
                var s = [Float](repeating: 0, count: length)
                for j in 0..<length {
                    var dot = 0.0
                    for p in 0..<d { dot += Double(qkv[i * 3 * c + h * d + p]) * Double(qkv[j * 3 * c + c + h * d + p]) }
                    s[j] = Float(dot / Double(d).squareRoot())
                }
                let prob = softmax(s)
                for p in 0..<d {
                    var v = 0.0
                    for j in 0..<length { v += Double(prob[j]) * Double(qkv[j * 3 * c + 2 * c + h * d + p]) }
                    ctx[i * c + h * d + p] = Float(v)
                }
            }
        }
        return ctx
    }

    /// The int8 attention's arithmetic (``Native/attentionInt8(qkv:ldqkv:length:heads:headSize:hidden:context:ldc:scratch:isa:)``)
    /// done naively: Q as 7-bit codes per row (x ≈ code · (max − min) / 127 + min), K per row
    /// and V per column as codes within ±64 (scale max|x| / 64), codes computed in Float as the
    /// kernels do; scores in Double from the dequantized values; the softmax as codes
    /// round(Native.softmaxCodeMax · exp((s − max) / √d)) and each context row Σ code · V̂ / Σ code.
    static func attentionInt8(qkv: [Float], length: Int, heads: Int, headSize d: Int) -> [Float] {
        let c = heads * d, ld = 3 * c
        func narrow(_ xs: [Float]) -> [Double] {
            let m = xs.map(abs).max() ?? 0
            let scale: Float = m > 0 ? m / 64 : 1, inv: Float = m > 0 ? 64 / m : 0
            return xs.map { Double(($0 * inv).rounded(.toNearestOrEven)) * Double(scale) }
        }
        var ctx = [Float](repeating: 0, count: length * c)
        for h in 0..<heads {
            let q: [[Double]] = (0..<length).map { i in
                let xs = (0..<d).map { qkv[i * ld + h * d + $0] }
                let lo = xs.min() ?? 0, hi = xs.max() ?? 0
                let scale: Float = hi > lo ? (hi - lo) / 127 : 1, inv: Float = hi > lo ? 127 / (hi - lo) : 0
                return xs.map { Double((($0 - lo) * inv).rounded(.toNearestOrEven)) * Double(scale) + Double(lo) }
            }
            let k = (0..<length).map { j in narrow((0..<d).map { qkv[j * ld + c + h * d + $0] }) }
            let vCols = (0..<d).map { p in narrow((0..<length).map { qkv[$0 * ld + 2 * c + h * d + p] }) }
            for i in 0..<length {
                let s = (0..<length).map { j in (0..<d).reduce(0.0) { $0 + q[i][$1] * k[j][$1] } }
                let mx = s.max() ?? 0
                let codes = s.map { (Double(Native.softmaxCodeMax) * exp(($0 - mx) / Double(d).squareRoot())).rounded(.toNearestOrEven) }
                let total = codes.reduce(0, +)
                for p in 0..<d {
                    ctx[i * c + h * d + p] = Float((0..<length).reduce(0.0) { $0 + codes[$1] * vCols[p][$1] } / total)
                }
            }
        }
        return ctx
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
