/// The position-wise feed-forward block: GELU(x · W1ᵀ + b1) · W2ᵀ + b2.
struct FeedForward: Sendable {
    /// x: (N, C) · w: (C, 4C) → (N, 4C), GELU fused into its epilogue
    let up: Linear
    /// h: (N, 4C) · w: (4C, C) → (N, C), the residual add fused into its epilogue
    let down: Linear

    init(weights: ModelWeights, layer i: Int, config: EncoderConfig) throws(EncoderError) {
        let c = config.hiddenSize, f = config.intermediateSize
        up = try Linear(weights: weights, name: "encoder.layer.\(i).intermediate.dense", inFeatures: c, outFeatures: f)
        down = try Linear(weights: weights, name: "encoder.layer.\(i).output.dense", inFeatures: f, outFeatures: c)
    }

    /// x: (N, C) → x + FFN(x) in place; `hidden` is (N, 4C) scratch.
    func forward(_ x: UnsafeMutablePointer<Float>, rows: Int, hidden: inout [Float], scratch: inout LinearScratch) {
        if hidden.count < rows * up.outFeatures { hidden = [Float](repeating: 0, count: rows * up.outFeatures) }
        hidden.withUnsafeMutableBufferPointer { h in
            guard let hp = h.baseAddress else { return }
            up.forward(x, rows: rows, into: hp, activation: .gelu, scratch: &scratch)
            down.forward(hp, rows: rows, into: x, accumulate: true, scratch: &scratch)
        }
    }
}
