/// A LoRA adapter checked against a backbone's config, merged into its weights at load.
///
/// For each adapted layer `i` and target `t` the file holds `encoder.layer.{i}.{t}.lora_A`
/// (rank, in) and `encoder.layer.{i}.{t}.lora_B` (out, rank); the backbone weight W (out, in)
/// becomes W + (alpha / rank) · B · A once, when the model is built, so requests pay nothing.
public struct LoRAAdapter: Sendable {
    /// One low-rank update of one weight.
    struct Update: Sendable {
        /// (rank, in)
        let a: [Float]
        /// (out, rank)
        let b: [Float]
        let outFeatures: Int
        let inFeatures: Int
    }

    /// The linear layers an adapter may target, as Hugging Face names them inside a BERT layer.
    public static let targets = [
        "attention.self.query", "attention.self.key", "attention.self.value",
        "attention.output.dense", "intermediate.dense", "output.dense",
    ]

    /// (out, in) of a target's weight, or nil for an unknown target.
    static func targetShape(_ target: String, hidden c: Int, intermediate f: Int) -> (out: Int, in: Int)? {
        switch target {
        case "attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense": (c, c)
        case "intermediate.dense": (f, c)
        case "output.dense": (c, f)
        default: nil
        }
    }

    /// The LoRA rank.
    public let rank: Int
    /// alpha / rank.
    public let scale: Float
    /// Backbone weight name (`encoder.layer.0.attention.self.query.weight`) → its update.
    let updates: [String: Update]

    /// The names of the backbone weights this adapter changes, sorted.
    public var adaptedWeights: [String] { updates.keys.sorted() }

    /// Reads the adapter's tensors and checks every shape against `config` and the manifest.
    public init(file: SafetensorsFile, manifest: ClassifierManifest.Adapter, config: EncoderConfig) throws(EncoderError) {
        let r = manifest.rank
        var updates: [String: Update] = [:]
        var expected: Set<String> = []
        for layer in manifest.layers {
            guard layer >= 0, layer < config.numHiddenLayers else {
                throw EncoderError(.shapeMismatch, "layer \(layer) is outside 0..<\(config.numHiddenLayers) of the backbone",
                                   path: file.path, field: "adapter.layers")
            }
            for target in manifest.targets {
                guard let (out, inF) = Self.targetShape(target, hidden: config.hiddenSize, intermediate: config.intermediateSize) else {
                    throw EncoderError(.badManifest, "unknown target '\(target)'", path: file.path, field: "adapter.targets")
                }
                let base = "encoder.layer.\(layer).\(target)"
                expected.insert(base + ".lora_A")
                expected.insert(base + ".lora_B")
                updates[base + ".weight"] = Update(
                    a: try file.floats(base + ".lora_A", shape: [r, inF]),
                    b: try file.floats(base + ".lora_B", shape: [out, r]),
                    outFeatures: out, inFeatures: inF)
            }
        }
        for name in file.names where (name.hasSuffix(".lora_A") || name.hasSuffix(".lora_B")) && !expected.contains(name) {
            throw EncoderError(.shapeMismatch, "the file holds an update the manifest does not list (adapter.layers, adapter.targets)",
                               path: file.path, tensor: name)
        }
        guard manifest.alpha.isFinite else {
            throw EncoderError(.badManifest, "alpha must be finite", path: file.path, field: "adapter.alpha")
        }
        rank = r
        scale = Float(manifest.alpha / Double(r))
        self.updates = updates
    }

    /// W (out, in) += scale · B (out, r) · A (r, in), when `name` is adapted.
    func apply(to name: String, weight: inout [Float]) {
        guard let u = updates[name], weight.count == u.outFeatures * u.inFeatures else { return }
        u.a.withUnsafeBufferPointer { a in
            u.b.withUnsafeBufferPointer { b in
                weight.withUnsafeMutableBufferPointer { w in
                    guard let ap = a.baseAddress, let bp = b.baseAddress, let wp = w.baseAddress else { return }
                    BLAS.gemm(m: u.outFeatures, n: u.inFeatures, k: rank, alpha: scale, a: bp, lda: rank,
                              b: ap, ldb: u.inFeatures, transB: false, beta: 1, c: wp, ldc: u.inFeatures)
                }
            }
        }
    }
}
