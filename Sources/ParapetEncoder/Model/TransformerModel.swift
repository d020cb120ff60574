/// A BERT-family encoder: embeddings and a stack of layers. Immutable once loaded.
struct TransformerModel: Sendable {
    let config: EncoderConfig
    let embeddings: Embeddings
    let layers: [EncoderLayer]

    init(weights: ModelWeights, config: EncoderConfig) throws(EncoderError) {
        self.config = config
        embeddings = try Embeddings(weights: weights, config: config)
        var layers: [EncoderLayer] = []
        for i in 0..<config.numHiddenLayers {
            layers.append(try EncoderLayer(weights: weights, layer: i, config: config))
        }
        self.layers = layers
    }

    /// sequences: B id lists (each ≤ max positions) → hidden states (ΣL, C), packed in order;
    /// large products are split over `threads`.
    func forward(_ sequences: [[Int32]], threads: Int = 1) -> [Float] {
        let c = config.hiddenSize
        let lengths = sequences.map(\.count)
        let n = lengths.reduce(0, +)
        var x = [Float](repeating: 0, count: n * c)
        var scratch = ForwardScratch()
        scratch.attention.linear.threads = threads
        x.withUnsafeMutableBufferPointer { xb in
            guard let xp = xb.baseAddress else { return }
            var r0 = 0
            for ids in sequences {
                embeddings.forward(ids: ids, into: xp + r0 * c)  // (L, C)
                r0 += ids.count
            }
            for layer in layers { layer.forward(xp, lengths: lengths, scratch: &scratch) }
        }
        return x
    }
}
