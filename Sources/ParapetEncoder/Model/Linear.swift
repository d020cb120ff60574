/// A dense layer y = x · Wᵀ + b, with W stored (out × in) as PyTorch does.
struct Linear: Sendable {
    let inFeatures: Int
    let outFeatures: Int
    /// (out, in), row-major.
    let weight: [Float]
    /// (out)
    let bias: [Float]

    init(weight: [Float], bias: [Float], inFeatures: Int, outFeatures: Int) {
        self.weight = weight
        self.bias = bias
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
    }

    /// Loads `name.weight` (out, in) and `name.bias` (out).
    init(weights: ModelWeights, name: String, inFeatures: Int, outFeatures: Int) throws(EncoderError) {
        self.init(
            weight: try weights.tensor(name + ".weight", [outFeatures, inFeatures]),
            bias: try weights.tensor(name + ".bias", [outFeatures]),
            inFeatures: inFeatures, outFeatures: outFeatures)
    }

    /// Several layers with the same input stacked into one: the fused QKV product.
    static func fused(_ parts: [Linear]) -> Linear {
        Linear(weight: parts.flatMap(\.weight), bias: parts.flatMap(\.bias),
               inFeatures: parts.first?.inFeatures ?? 0, outFeatures: parts.reduce(0) { $0 + $1.outFeatures })
    }

    /// x: (rows, in) → y: (rows, out). Bias rows are laid down first, then one GEMM adds x · Wᵀ.
    func forward(_ x: UnsafePointer<Float>, rows: Int, into y: UnsafeMutablePointer<Float>) {
        bias.withUnsafeBufferPointer { b in
            guard let bp = b.baseAddress else { return }
            for r in 0..<rows { (y + r * outFeatures).update(from: bp, count: outFeatures) }
        }
        weight.withUnsafeBufferPointer { w in
            guard let wp = w.baseAddress else { return }
            BLAS.gemm(m: rows, n: outFeatures, k: inFeatures, a: x, lda: inFeatures,
                      b: wp, ldb: inFeatures, transB: true, beta: 1, c: y, ldc: outFeatures)
        }
    }
}
