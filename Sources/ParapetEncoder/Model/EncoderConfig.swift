import Foundation

/// A model's `config.json`, decoded as Hugging Face writes it (snake_case keys).
public struct EncoderConfig: Decodable, Sendable, Hashable {
    /// `bert` is supported; other values are refused by ``validate()``.
    public var modelType: String
    /// Width of every hidden state (C).
    public var hiddenSize: Int
    /// Number of encoder layers.
    public var numHiddenLayers: Int
    /// Attention heads per layer (C must divide evenly).
    public var numAttentionHeads: Int
    /// Width of the feed-forward layer (usually 4C).
    public var intermediateSize: Int
    /// The feed-forward activation (`gelu`, the erf form).
    public var hiddenAct: String
    /// The position-embedding table size: the longest window the model reads.
    public var maxPositionEmbeddings: Int
    /// Number of token-type (segment) embeddings.
    public var typeVocabSize: Int
    /// Vocabulary size.
    public var vocabSize: Int
    /// Epsilon of every layer norm.
    public var layerNormEps: Float
    /// The padding token id.
    public var padTokenId: Int
    /// `absolute` is supported.
    public var positionEmbeddingType: String?

    enum CodingKeys: String, CodingKey {
        case modelType = "model_type", hiddenSize = "hidden_size", numHiddenLayers = "num_hidden_layers"
        case numAttentionHeads = "num_attention_heads", intermediateSize = "intermediate_size"
        case hiddenAct = "hidden_act", maxPositionEmbeddings = "max_position_embeddings"
        case typeVocabSize = "type_vocab_size", vocabSize = "vocab_size", layerNormEps = "layer_norm_eps"
        case padTokenId = "pad_token_id", positionEmbeddingType = "position_embedding_type"
    }

    /// Width of one attention head (C / heads).
    public var headSize: Int { hiddenSize / max(numAttentionHeads, 1) }

    /// Reads and validates `config.json` at `path`.
    public static func load(path: String) throws(EncoderError) -> EncoderConfig {
        let config: EncoderConfig
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            config = try JSONDecoder().decode(EncoderConfig.self, from: data)
        } catch {
            throw EncoderError(.badConfig, "cannot read config: \(error)", path: path)
        }
        try config.validate(path: path)
        return config
    }

    /// Throws when the runtime cannot run this architecture.
    public func validate(path: String? = nil) throws(EncoderError) {
        guard modelType == "bert" else {
            throw EncoderError(.badConfig, "model_type \(modelType) is not supported yet (BERT and MiniLM are)", path: path)
        }
        guard hiddenAct == "gelu" else {
            throw EncoderError(.badConfig, "hidden_act \(hiddenAct) is not supported (gelu is)", path: path)
        }
        guard (positionEmbeddingType ?? "absolute") == "absolute" else {
            throw EncoderError(.badConfig, "position_embedding_type must be absolute", path: path)
        }
        let sizes = [
            ("hidden_size", hiddenSize), ("num_hidden_layers", numHiddenLayers), ("num_attention_heads", numAttentionHeads),
            ("intermediate_size", intermediateSize), ("max_position_embeddings", maxPositionEmbeddings),
            ("type_vocab_size", typeVocabSize), ("vocab_size", vocabSize),
        ]
        for (field, value) in sizes where !(1...(1 << 20)).contains(value) {
            throw EncoderError(.badConfig, "\(field) must be 1…1048576, got \(value)", path: path, field: field)
        }
        guard hiddenSize % numAttentionHeads == 0 else {
            throw EncoderError(.badConfig, "hidden_size \(hiddenSize) is not a multiple of num_attention_heads \(numAttentionHeads)",
                               path: path, field: "num_attention_heads")
        }
        // The SIMD8 layer norm walks rows in whole lanes.
        guard hiddenSize % 8 == 0 else {
            throw EncoderError(.badConfig, "hidden_size must be a multiple of 8, got \(hiddenSize)", path: path, field: "hidden_size")
        }
        guard (0..<vocabSize).contains(padTokenId) else {
            throw EncoderError(.badConfig, "pad_token_id must be a token id below vocab_size \(vocabSize), got \(padTokenId)",
                               path: path, field: "pad_token_id")
        }
        guard layerNormEps > 0, layerNormEps.isFinite else {
            throw EncoderError(.badConfig, "layer_norm_eps must be a positive number, got \(layerNormEps)", path: path, field: "layer_norm_eps")
        }
    }
}
