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
        qkv = Linear.fused([
            try Linear(weights: weights, name: p + "self.query", inFeatures: c, outFeatures: c),
            try Linear(weights: weights, name: p + "self.key", inFeatures: c, outFeatures: c),
            try Linear(weights: weights, name: p + "self.value", inFeatures: c, outFeatures: c),
        ])
        output = try Linear(weights: weights, name: p + "output.dense", inFeatures: c, outFeatures: c)
    }

    /// x: (N, C) → y: (N, C) (before the residual). `lengths` partition the N rows into sequences.
    func forward(_ x: UnsafePointer<Float>, lengths: [Int], scratch: inout AttentionScratch,
                 into y: UnsafeMutablePointer<Float>) {
        let n = lengths.reduce(0, +)
        let c = hidden, d = hidden / heads
        let scale = 1 / Float(d).squareRoot()
        scratch.reserve(rows: n, hidden: c, longest: lengths.max() ?? 0)
        scratch.qkv.withUnsafeMutableBufferPointer { qkvBuf in
            scratch.context.withUnsafeMutableBufferPointer { ctxBuf in
                scratch.scores.withUnsafeMutableBufferPointer { sBuf in
                    guard let q = qkvBuf.baseAddress, let ctx = ctxBuf.baseAddress, let s = sBuf.baseAddress else { return }
                    qkv.forward(x, rows: n, into: q)  // (N, 3C)
                    var r0 = 0
                    for len in lengths {
                        let base = q + r0 * 3 * c
                        for h in 0..<heads {
                            // scores: Q_h (L, d) · K_hᵀ (d, L) → (L, L), scaled
                            BLAS.gemm(m: len, n: len, k: d, alpha: scale, a: base + h * d, lda: 3 * c,
                                      b: base + c + h * d, ldb: 3 * c, transB: true, beta: 0, c: s, ldc: len)
                            for row in 0..<len { VectorMath.softmax(s + row * len, count: len) }
                            // context: P (L, L) · V_h (L, d) → (L, d) into columns h·d of ctx
                            BLAS.gemm(m: len, n: d, k: len, a: s, lda: len, b: base + 2 * c + h * d, ldb: 3 * c,
                                      transB: false, beta: 0, c: ctx + r0 * c + h * d, ldc: c)
                        }
                        r0 += len
                    }
                    output.forward(ctx, rows: n, into: y)
                }
            }
        }
    }
}

/// Per-call buffers of the attention block, grown as needed and reused across layers.
struct AttentionScratch {
    var qkv: [Float] = []
    var context: [Float] = []
    var scores: [Float] = []

    mutating func reserve(rows: Int, hidden: Int, longest: Int) {
        if qkv.count < rows * 3 * hidden { qkv = [Float](repeating: 0, count: rows * 3 * hidden) }
        if context.count < rows * hidden { context = [Float](repeating: 0, count: rows * hidden) }
        if scores.count < longest * longest { scores = [Float](repeating: 0, count: longest * longest) }
    }
}
