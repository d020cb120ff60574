/// Named views into a model's safetensors file, with the `bert.` prefix found automatically.
struct ModelWeights: Sendable {
    let file: SafetensorsFile
    let prefix: String
    /// A LoRA adapter merged into the weights it names as they are read.
    let adapter: LoRAAdapter?

    /// Opens the weights; BERT checkpoints name tensors either `embeddings.…` or `bert.embeddings.…`.
    init(file: SafetensorsFile, adapter: LoRAAdapter? = nil) {
        self.file = file
        self.adapter = adapter
        prefix = file.tensors["embeddings.word_embeddings.weight"] == nil
            && file.tensors["bert.embeddings.word_embeddings.weight"] != nil ? "bert." : ""
    }

    /// A tensor as floats, its shape checked. An I8 tensor is dequantized with its per-row
    /// scales (`name` + `_scale`, F32, one per output row): w = q · scale.
    func tensor(_ name: String, _ shape: [Int]) throws(EncoderError) -> [Float] {
        var out = try plainTensor(name, shape)
        adapter?.apply(to: name, weight: &out)
        file.release(prefix + name)
        return out
    }

    /// A 2-D weight (out × in) for packing: int8 stays int8 (with its per-row scales) unless the
    /// adapter changes it, in which case it is dequantized and merged as floats.
    func matrix(_ name: String, _ shape: [Int]) throws(EncoderError) -> WeightMatrix {
        guard isQuantized(name), adapter?.updates[name] == nil else { return .f32(try tensor(name, shape)) }
        guard let info = file.tensors[prefix + name], info.shape == shape, shape.count == 2 else {
            throw EncoderError(.shapeMismatch, "int8 tensor must be 2-D with shape \(shape)", path: file.path, tensor: name)
        }
        let q = try file.int8s(prefix + name)
        let scale = try file.floats(prefix + name + Quantizer.scaleSuffix, shape: [shape[0]])
        file.release(prefix + name)
        return .int8(q, scales: scale)
    }

    /// As ``tensor(_:_:)``, without the adapter.
    private func plainTensor(_ name: String, _ shape: [Int]) throws(EncoderError) -> [Float] {
        guard isQuantized(name) else { return try file.floats(prefix + name, shape: shape) }
        guard let info = file.tensors[prefix + name], info.shape == shape, shape.count == 2 else {
            throw EncoderError(.shapeMismatch, "int8 tensor must be 2-D with shape \(shape)", path: file.path, tensor: name)
        }
        let q = try file.int8s(prefix + name)
        let scale = try file.floats(prefix + name + Quantizer.scaleSuffix, shape: [shape[0]])
        let cols = shape[1]
        var out = [Float](repeating: 0, count: q.count)
        for r in 0..<shape[0] {
            for c in 0..<cols { out[r * cols + c] = Float(q[r * cols + c]) * scale[r] }
        }
        return out
    }

    /// Whether an int8 variant of `name` is stored (`name` as I8 plus `name.scale`).
    func isQuantized(_ name: String) -> Bool {
        file.tensors[prefix + name]?.dtype == .i8
    }
}
