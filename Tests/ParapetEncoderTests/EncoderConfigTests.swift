import Foundation
import Testing
@testable import ParapetEncoder

/// `config.json` values the runtime cannot run are refused with the field at fault.
@Suite struct EncoderConfigTests {
    static var minilm: [String: Any] { [
        "model_type": "bert", "hidden_act": "gelu", "hidden_size": 384, "num_hidden_layers": 6, "num_attention_heads": 12,
        "intermediate_size": 1536, "max_position_embeddings": 512, "type_vocab_size": 2, "vocab_size": 30522,
        "pad_token_id": 0, "layer_norm_eps": 1e-12, "position_embedding_type": "absolute",
    ] }

    static func validate(_ changes: [String: Any]) throws -> EncoderError? {
        let json = try JSONSerialization.data(withJSONObject: minilm.merging(changes) { $1 })
        do {
            try JSONDecoder().decode(EncoderConfig.self, from: json).validate(path: "config.json")
            return nil
        } catch let error as EncoderError {
            return error
        }
    }

    @Test func theShippedShapeIsValid() throws {
        #expect(try Self.validate([:]) == nil)
    }

    @Test(arguments: [
        ("hidden_size", 0, "hidden_size"), ("hidden_size", 1 << 30, "hidden_size"), ("num_hidden_layers", -1, "num_hidden_layers"),
        ("num_attention_heads", 0, "num_attention_heads"), ("num_attention_heads", 7, "num_attention_heads"),
        ("hidden_size", 12, "hidden_size"), ("vocab_size", 0, "vocab_size"), ("pad_token_id", 30522, "pad_token_id"),
        ("pad_token_id", -1, "pad_token_id"), ("max_position_embeddings", 0, "max_position_embeddings"),
    ])
    func badSizesNameTheirField(key: String, value: Int, field: String) throws {
        let error = try Self.validate([key: value])
        #expect(error?.code == .badConfig)
        #expect(error?.field == field, "\(String(describing: error))")
    }

    @Test func aNonPositiveEpsilonIsRefused() throws {
        #expect(try Self.validate(["layer_norm_eps": -1.0])?.field == "layer_norm_eps")
    }
}
