/// Layer normalisation over the hidden dimension: y = (x − μ) / √(σ² + ε) · γ + β.
struct LayerNorm: Sendable {
    /// (C)
    let gamma: [Float]
    /// (C)
    let beta: [Float]
    let eps: Float

    /// Loads `name.weight` and `name.bias`, both (C).
    init(weights: ModelWeights, name: String, config: EncoderConfig) throws(EncoderError) {
        gamma = try weights.tensor(name + ".weight", [config.hiddenSize])
        beta = try weights.tensor(name + ".bias", [config.hiddenSize])
        eps = config.layerNormEps
    }

    /// x: (rows, C), normalised in place.
    func forward(_ x: UnsafeMutablePointer<Float>, rows: Int) {
        gamma.withUnsafeBufferPointer { g in
            beta.withUnsafeBufferPointer { b in
                guard let gp = g.baseAddress, let bp = b.baseAddress else { return }
                VectorMath.layerNorm(x, rows: rows, cols: gamma.count, gamma: gp, beta: bp, eps: eps)
            }
        }
    }
}
