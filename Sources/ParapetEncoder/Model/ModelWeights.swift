/// Named views into a model's safetensors file, with the `bert.` prefix found automatically.
struct ModelWeights: Sendable {
    let file: SafetensorsFile
    let prefix: String

    /// Opens the weights; BERT checkpoints name tensors either `embeddings.…` or `bert.embeddings.…`.
    init(file: SafetensorsFile) {
        self.file = file
        prefix = file.tensors["embeddings.word_embeddings.weight"] == nil
            && file.tensors["bert.embeddings.word_embeddings.weight"] != nil ? "bert." : ""
    }

    /// A tensor as floats, its shape checked.
    func tensor(_ name: String, _ shape: [Int]) throws(EncoderError) -> [Float] {
        try file.floats(prefix + name, shape: shape)
    }

    /// Whether an int8 variant of `name` is stored (`name` as I8 plus `name.scale`).
    func isQuantized(_ name: String) -> Bool {
        file.tensors[prefix + name]?.dtype == .i8
    }
}
