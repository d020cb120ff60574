import Foundation
import Testing
@testable import ParapetEncoder

/// The committed LoRA bundle (Fixtures/lora-bundle, made by make_lora_fixture.py) and copies of
/// it with one thing changed, for the loader's error paths.
enum ClassifierFixture {
    /// The committed bundle folder.
    static var bundle: String { TestSupport.fixtures + "/lora-bundle" }

    /// The folder holding the cached backbone.
    static var modelsDirectory: String {
        URL(fileURLWithPath: TestSupport.modelDirectory).deletingLastPathComponent().path
    }

    /// The fixture classifier, loaded once; nil (skip) when the model is absent locally.
    static let classifier: Classifier? = {
        guard TestSupport.modelAvailable else { return nil }
        return try? Classifier(directory: bundle, modelsDirectory: modelsDirectory)
    }()

    /// The classifier, or nil after recording an issue (CI, or a model that is there but fails).
    static func require() -> Classifier? {
        if let classifier { return classifier }
        if TestSupport.isCI || TestSupport.modelAvailable {
            Issue.record("fixture bundle not loadable against \(modelsDirectory): run Scripts/fetch-model.sh")
        } else {
            print("skipped: model not in models-cache (run Scripts/fetch-model.sh)")
        }
        return nil
    }

    /// A temporary copy of the bundle whose manifest went through `edit`.
    static func copy(editing edit: (inout [String: Any]) -> Void) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lora-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: bundle) {
            try FileManager.default.copyItem(atPath: bundle + "/" + name, toPath: dir + "/" + name)
        }
        let data = try Data(contentsOf: URL(fileURLWithPath: dir + "/manifest.json"))
        var manifest = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        edit(&manifest)
        try JSONSerialization.data(withJSONObject: manifest).write(to: URL(fileURLWithPath: dir + "/manifest.json"))
        return dir
    }

    /// The error loading a copy of the bundle whose manifest went through `edit` throws (nil when
    /// it loads).
    static func loadError(editing edit: (inout [String: Any]) -> Void) throws -> EncoderError? {
        let dir = try copy(editing: edit)
        do {
            _ = try ClassifierBundle(directory: dir, modelsDirectory: modelsDirectory)
            return nil
        } catch {
            return error
        }
    }

    /// The expected probabilities: text, window count, scores by label.
    static func expected() throws -> [(text: String, windows: Int, scores: [String: Double])] {
        try TestSupport.jsonLines("lora-bundle/expected.jsonl").map { row in
            (row["text"] as? String ?? "", row["windows"] as? Int ?? 0, row["scores"] as? [String: Double] ?? [:])
        }
    }
}
