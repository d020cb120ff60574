/// The position-wise feed-forward block: GELU(x · W1ᵀ + b1) · W2ᵀ + b2.
struct FeedForward: Sendable {
    /// x: (N, C) · w: (C, 4C) → (N, 4C)
    let up: Linear
    /// h: (N, 4C) · w: (4C, C) → (N, C)
    let down: Linear

    init(weights: ModelWeights, layer i: Int, config: EncoderConfig) throws(EncoderError) {
        let c = config.hiddenSize, f = config.intermediateSize
        up = try Linear(weights: weights, name: "encoder.layer.\(i).intermediate.dense", inFeatures: c, outFeatures: f)
        down = try Linear(weights: weights, name: "encoder.layer.\(i).output.dense", inFeatures: f, outFeatures: c)
    }

    /// x: (N, C) → y: (N, C) (before the residual); `hidden` is (N, 4C) scratch.
    func forward(_ x: UnsafePointer<Float>, rows: Int, hidden: inout [Float], into y: UnsafeMutablePointer<Float>) {
        if hidden.count < rows * up.outFeatures { hidden = [Float](repeating: 0, count: rows * up.outFeatures) }
        hidden.withUnsafeMutableBufferPointer { h in
            guard let hp = h.baseAddress else { return }
            up.forward(x, rows: rows, into: hp)
            VectorMath.gelu(hp, count: rows * up.outFeatures)
            down.forward(hp, rows: rows, into: y)
        }
    }
}
