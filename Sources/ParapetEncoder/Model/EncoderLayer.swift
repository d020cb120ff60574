/// One transformer layer (post-norm, as BERT): x = LN(x + Attn(x)); x = LN(x + FFN(x)).
struct EncoderLayer: Sendable {
    let attention: SelfAttention
    let attentionNorm: LayerNorm
    let feedForward: FeedForward
    let outputNorm: LayerNorm

    init(weights: ModelWeights, layer i: Int, config: EncoderConfig) throws(EncoderError) {
        attention = try SelfAttention(weights: weights, layer: i, config: config)
        attentionNorm = try LayerNorm(weights: weights, name: "encoder.layer.\(i).attention.output.LayerNorm", config: config)
        feedForward = try FeedForward(weights: weights, layer: i, config: config)
        outputNorm = try LayerNorm(weights: weights, name: "encoder.layer.\(i).output.LayerNorm", config: config)
    }

    /// x: (N, C) → (N, C) in place; `scratch` holds every intermediate of the call. The residual
    /// adds happen in the epilogues of the two output projections.
    func forward(_ x: UnsafeMutablePointer<Float>, lengths: [Int], scratch: inout ForwardScratch) {
        let n = lengths.reduce(0, +)
        attention.forward(x, lengths: lengths, scratch: &scratch.attention)
        attentionNorm.forward(x, rows: n)
        feedForward.forward(x, rows: n, hidden: &scratch.ffn, scratch: &scratch.attention.linear)
        outputNorm.forward(x, rows: n)
    }
}

/// Every buffer one forward call needs, owned by that call alone.
struct ForwardScratch {
    var attention = AttentionScratch()
    var ffn: [Float] = []
}
