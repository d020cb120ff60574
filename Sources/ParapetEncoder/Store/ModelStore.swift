import ParapetCore
import Crypto
import Foundation

/// The local model cache: lists and verifies model directories. Pure file operations; fetching
/// is `Scripts/fetch-model.sh`'s job (and `parapet models fetch`, which runs it).
public struct ModelStore: Sendable {
    /// One model directory in the cache.
    public struct Entry: Sendable, Hashable {
        /// Folder name.
        public var name: String
        /// Absolute or root-relative path.
        public var path: String
        /// Whether the folder holds `parapet-manifest.json` (written by the fetch script).
        public var hasManifest: Bool
        /// Whether it holds the files a model needs (`config.json`, `model.safetensors`).
        public var isComplete: Bool
    }

    /// The cache folder (`models-cache/` at the repository root by default).
    public let root: String

    /// A store rooted at `root`.
    public init(root: String) { self.root = root }

    /// `$PARAPET_MODELS_DIR`, else `models-cache` under the current directory.
    public static var defaultRoot: String {
        ProcessInfo.processInfo.environment["PARAPET_MODELS_DIR"] ?? FileManager.default.currentDirectoryPath + "/models-cache"
    }

    /// The model directories in the cache, sorted by name.
    public func list() -> [Entry] {
        let fm = FileManager.default
        let names = (try? fm.contentsOfDirectory(atPath: root)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().compactMap { name in
            let path = root + "/" + name
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue else { return nil }
            return Entry(
                name: name, path: path,
                hasManifest: fm.fileExists(atPath: path + "/parapet-manifest.json"),
                isComplete: fm.fileExists(atPath: path + "/config.json") && fm.fileExists(atPath: path + "/model.safetensors"))
        }
    }

    /// Checks every file of `directory` against `manifest` (size, then SHA-256); returns the
    /// number of files checked or throws naming the first file that differs.
    @discardableResult
    public static func verify(directory: String, manifest: ModelManifest) throws(EncoderError) -> Int {
        for f in manifest.files {
            let path = directory + "/" + f.path
            guard let attrs = try? FileManager.default.attributesOfItem(atPath: path),
                  let size = (attrs[.size] as? NSNumber)?.intValue else {
                throw EncoderError(.verifyFailed, "missing file", path: path)
            }
            guard size == f.size else {
                throw EncoderError(.verifyFailed, "size \(size), pinned \(f.size)", path: path)
            }
            let digest = try sha256(path: path)
            guard digest == f.sha256.lowercased() else {
                throw EncoderError(.verifyFailed, "sha256 \(digest), pinned \(f.sha256)", path: path)
            }
        }
        return manifest.files.count
    }

    /// Verifies the cached model `name` against its own `parapet-manifest.json`.
    @discardableResult
    public func verify(name: String) throws(EncoderError) -> Int {
        let dir = root + "/" + name
        return try Self.verify(directory: dir, manifest: ModelManifest.load(path: dir + "/parapet-manifest.json"))
    }

    /// Lower-case hex SHA-256 of a file, read through a memory map.
    public static func sha256(path: String) throws(EncoderError) -> String {
        let file = try MappedFile(path: path)
        return Hex.lowercase(SHA256.hash(data: file.bytes))
    }
}
