import Foundation

/// A classifier bundle read from disk and checked: manifest, backbone digest, adapter, heads and
/// the optional n-gram model.
///
/// Loading verifies everything a bundle pins before any weight is used: the backbone's
/// `model.safetensors` digest (from the model cache's `parapet-manifest.json`, or by hashing the
/// file when there is none or when asked), the SHA-256 of the adapter and heads files, and every
/// tensor shape against the backbone's `config.json`. ``Classifier`` then builds the merged encoder.
public struct ClassifierBundle: Sendable {
    /// How the backbone's weights are checked against `backbone.sha256`.
    public enum BackboneCheck: Sendable, Hashable {
        /// Trust the digest the fetch script recorded in `parapet-manifest.json` (hashing the file
        /// only when that manifest is absent), and check the file's size against it.
        case cachedManifest
        /// Hash `model.safetensors` (about 0.3 s for MiniLM's 90 MB).
        case hash
    }

    /// The bundle folder.
    public let directory: String
    /// The validated manifest.
    public let manifest: ClassifierManifest
    /// The backbone's model directory (`<models>/<backbone.name>`).
    public let backboneDirectory: String
    /// The backbone's config.
    public let config: EncoderConfig
    /// The adapter, or nil for heads on the frozen encoder.
    public let adapter: LoRAAdapter?
    /// One head per task, in manifest order.
    let heads: [ClassifierHead]
    /// The n-gram model stacked with some tasks, when the manifest has one.
    public let lexical: LexicalModel?

    /// Reads and verifies the bundle in `directory` against the backbone in `modelsDirectory`.
    public init(directory: String, modelsDirectory: String, backboneCheck: BackboneCheck = .cachedManifest) throws(EncoderError) {
        let manifestPath = directory + "/manifest.json"
        let manifest = try ClassifierManifest.load(path: manifestPath)
        let backboneDirectory = modelsDirectory + "/" + manifest.backbone.name
        let weightsPath = backboneDirectory + "/model.safetensors"
        guard FileManager.default.fileExists(atPath: weightsPath) else {
            throw EncoderError(.io, "backbone \(manifest.backbone.name) is not in the model cache (run parapet models fetch \(manifest.backbone.name))",
                               path: weightsPath, field: "backbone.name")
        }
        try Self.checkBackbone(weightsPath: weightsPath, directory: backboneDirectory, manifest: manifest,
                               manifestPath: manifestPath, check: backboneCheck)
        let config = try EncoderConfig.load(path: backboneDirectory + "/config.json")
        guard manifest.maxTokens <= config.maxPositionEmbeddings else {
            throw EncoderError(.badManifest, "max_tokens \(manifest.maxTokens) exceeds the backbone's \(config.maxPositionEmbeddings) positions",
                               path: manifestPath, field: "max_tokens")
        }
        let longest = manifest.maxTokens + (manifest.contextTokens > 0 ? manifest.contextTokens + 1 : 0)
        guard longest <= config.maxPositionEmbeddings else {
            throw EncoderError(.badManifest, "a window with its context takes up to \(longest) tokens (max_tokens + context_tokens + 1); the backbone has \(config.maxPositionEmbeddings) positions",
                               path: manifestPath, field: "context_tokens")
        }
        var adapter: LoRAAdapter?
        if let spec = manifest.adapter {
            let file = try Self.pinnedFile(directory + "/" + spec.file, sha256: spec.sha256, field: "adapter.sha256")
            adapter = try LoRAAdapter(file: file, manifest: spec, config: config)
        }
        let headsFile = try Self.pinnedFile(directory + "/" + manifest.heads.file, sha256: manifest.heads.sha256, field: "heads.sha256")
        var heads: [ClassifierHead] = []
        for task in manifest.tasks {
            heads.append(try ClassifierHead(task: task, file: headsFile, hiddenSize: config.hiddenSize))
        }
        var lexical: LexicalModel?
        if let spec = manifest.lexical {
            let file = try Self.pinnedFile(directory + "/" + spec.file, sha256: spec.sha256, field: "lexical.sha256")
            lexical = try LexicalModel(file: file, features: spec.features, stacks: spec.stacks)
        }
        self.lexical = lexical
        self.directory = directory
        self.manifest = manifest
        self.backboneDirectory = backboneDirectory
        self.config = config
        self.adapter = adapter
        self.heads = heads
    }

    /// Opens a bundle file after checking its SHA-256.
    static func pinnedFile(_ path: String, sha256: String, field: String) throws(EncoderError) -> SafetensorsFile {
        guard FileManager.default.fileExists(atPath: path) else {
            throw EncoderError(.io, "bundle file is missing", path: path, field: field.replacingOccurrences(of: ".sha256", with: ".file"))
        }
        let digest = try ModelStore.sha256(path: path)
        guard digest == sha256 else {
            throw EncoderError(.digestMismatch, "sha256 \(digest), the manifest pins \(sha256)", path: path, field: field)
        }
        return try SafetensorsFile(path: path)
    }

    /// Refuses a backbone whose weights are not the ones the bundle was trained on.
    static func checkBackbone(weightsPath: String, directory: String, manifest: ClassifierManifest, manifestPath: String,
                              check: BackboneCheck) throws(EncoderError) {
        let want = manifest.backbone.sha256
        let cachePath = directory + "/parapet-manifest.json"
        if check == .cachedManifest, FileManager.default.fileExists(atPath: cachePath) {
            let cache = try ModelManifest.load(path: cachePath)
            guard let pinned = cache.files.first(where: { $0.path == "model.safetensors" }) else {
                throw EncoderError(.verifyFailed, "the cache manifest does not pin model.safetensors", path: cachePath)
            }
            guard pinned.sha256.lowercased() == want else {
                throw EncoderError(.digestMismatch, "the cached backbone is \(pinned.sha256) (per \(cachePath)); the bundle was trained on \(want)",
                                   path: manifestPath, field: "backbone.sha256")
            }
            let size = (try? FileManager.default.attributesOfItem(atPath: weightsPath)[.size] as? NSNumber)?.intValue
            guard size == pinned.size else {
                throw EncoderError(.digestMismatch, "model.safetensors is \(size ?? -1) bytes, its cache manifest pins \(pinned.size); run parapet models verify",
                                   path: weightsPath, field: "backbone.sha256")
            }
            return
        }
        let digest = try ModelStore.sha256(path: weightsPath)
        guard digest == want else {
            throw EncoderError(.digestMismatch, "backbone weights hash to \(digest); the bundle was trained on \(want)",
                               path: weightsPath, field: "backbone.sha256")
        }
    }
}
