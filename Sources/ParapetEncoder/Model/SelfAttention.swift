/// Multi-head self-attention with one fused QKV product, plus the output projection.
///
/// Sequences are packed without padding: each attends only to its own tokens, which is exactly
/// what the reference's additive mask does to padded keys.
struct SelfAttention: Sendable {
    let hidden: Int
    let heads: Int
    /// x: (N, C) · w: (C, 3C) → (N, 3C)
    let qkv: Linear
    /// ctx: (N, C) · w: (C, C) → (N, C)
    let output: Linear

    init(weights: ModelWeights, layer i: Int, config: EncoderConfig) throws(EncoderError) {
        let c = config.hiddenSize
        let p = "encoder.layer.\(i).attention."
        hidden = c
        heads = config.numAttentionHeads
        var matrices: [WeightMatrix] = [], biases: [Float] = []
        for part in ["query", "key", "value"] {
            matrices.append(try weights.matrix(p + "self.\(part).weight", [c, c]))
            biases += try weights.tensor(p + "self.\(part).bias", [c])
        }
        qkv = Linear(matrix: .stacked(matrices, columns: c), bias: biases, inFeatures: c, outFeatures: 3 * c)
        output = try Linear(weights: weights, name: p + "output.dense", inFeatures: c, outFeatures: c)
    }

    /// x: (N, C) → x + Attn(x) in place (the residual add is fused into the output projection).
    /// `lengths` partition the N rows into sequences.
    func forward(_ x: UnsafeMutablePointer<Float>, lengths: [Int], scratch: inout AttentionScratch) {
        let n = lengths.reduce(0, +)
        let c = hidden, d = hidden / heads
        let longest = lengths.max() ?? 0
        // The int8 model (its QKV weight is int8) runs attention on the int8 kernels too.
        let int8 = qkv.isQuantized && Native.int8Attention
        scratch.reserve(rows: n, hidden: c, attention: int8
            ? Native.attentionInt8ScratchCount(length: longest, heads: heads, headSize: d)
            : Native.attentionScratchCount(length: longest, headSize: d))
        scratch.qkv.withUnsafeMutableBufferPointer { qkvBuf in
            scratch.context.withUnsafeMutableBufferPointer { ctxBuf in
                scratch.heads.withUnsafeMutableBufferPointer { hBuf in
                    guard let q = qkvBuf.baseAddress, let ctx = ctxBuf.baseAddress, let h = hBuf.baseAddress else { return }
                    qkv.forward(x, rows: n, into: q, scratch: &scratch.linear)  // (N, 3C)
                    var r0 = 0
                    for len in lengths {
                        if int8 {
                            Native.attentionInt8(qkv: q + r0 * 3 * c, ldqkv: 3 * c, length: len, heads: heads, headSize: d,
                                                 hidden: c, context: ctx + r0 * c, ldc: c, scratch: h)
                        } else {
                            Native.attention(qkv: q + r0 * 3 * c, ldqkv: 3 * c, length: len, heads: heads, headSize: d,
                                             hidden: c, context: ctx + r0 * c, ldc: c, scratch: h)
                        }
                        r0 += len
                    }
                    output.forward(ctx, rows: n, into: x, accumulate: true, scratch: &scratch.linear)
                }
            }
        }
    }
}

/// Per-call buffers of the attention block, grown as needed and reused across layers.
struct AttentionScratch {
    var qkv: [Float] = []
    var context: [Float] = []
    /// Packed K and V of one head and its score matrix (fp32), or every head's codes, packed K
    /// and V and one row block's scores and softmax codes (int8).
    var heads: [Float] = []
    var linear = LinearScratch()

    mutating func reserve(rows: Int, hidden: Int, attention: Int) {
        if qkv.count < rows * 3 * hidden { qkv = [Float](repeating: 0, count: rows * 3 * hidden) }
        if context.count < rows * hidden { context = [Float](repeating: 0, count: rows * hidden) }
        if heads.count < max(1, attention) { heads = [Float](repeating: 0, count: max(1, attention)) }
    }
}
