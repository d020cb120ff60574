import ArgumentParser
import Foundation
import ParapetEncoder

/// `parapet models embed`: JSONL `{id, text}` in, JSONL `{id, embedding}` out.
struct ModelsEmbedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "embed", abstract: "Embed JSONL texts with a model.")

    @Option(help: "Model directory.") var model = "models-cache/all-MiniLM-L6-v2"
    @Option(help: "Pooling: mean or cls.") var pooling = "mean"
    @Flag(help: "Scale each embedding to unit length.") var normalize = false
    @Option(help: "BLAS threads.") var threads = 1
    @Option(help: "Input JSONL (default stdin).") var input: String?

    func run() async throws {
        guard let pool = Pooling(rawValue: pooling) else { throw ValidationError("pooling must be mean or cls") }
        let encoder = try Encoder(directory: model, threads: threads)
        let data = try input.map { try Data(contentsOf: URL(fileURLWithPath: $0)) } ?? (FileHandle.standardInput.readToEnd() ?? Data())
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where !line.isEmpty {
            guard let obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let text = obj["text"] as? String else { throw ValidationError("each line needs a text field") }
            let v = try encoder.embed([text], pooling: pool, normalize: normalize)[0]
            let out: [String: Any] = ["id": obj["id"] ?? NSNull(), "embedding": v.map(Double.init)]
            print(String(decoding: try JSONSerialization.data(withJSONObject: out, options: [.sortedKeys]), as: UTF8.self))
        }
    }
}
