/// Token + position + token-type embeddings, then layer norm.
struct Embeddings: Sendable {
    let hidden: Int
    /// (V, C), read in place from the weights file.
    let word: EmbeddingTable
    /// (P, C)
    let position: [Float]
    /// (types, C); every token is type 0 here.
    let tokenType: [Float]
    let norm: LayerNorm

    init(weights: ModelWeights, config: EncoderConfig) throws(EncoderError) {
        let c = config.hiddenSize
        hidden = c
        word = try EmbeddingTable(weights: weights, name: "embeddings.word_embeddings.weight", shape: [config.vocabSize, c])
        position = try weights.tensor("embeddings.position_embeddings.weight", [config.maxPositionEmbeddings, c])
        tokenType = try weights.tensor("embeddings.token_type_embeddings.weight", [config.typeVocabSize, c])
        norm = try LayerNorm(weights: weights, name: "embeddings.LayerNorm", config: config)
    }

    /// ids: (T) of one sequence → x: (T, C) written at `out`. Ids are checked by the caller.
    @_optimize(speed) func forward(ids: [Int32], into out: UnsafeMutablePointer<Float>) {
        for (t, id) in ids.enumerated() {
            let row = out + t * hidden
            word.row(Int(id), into: row)
            for j in 0..<hidden { row[j] += position[t * hidden + j] + tokenType[j] }
        }
        norm.forward(out, rows: ids.count)
    }
}
