import Foundation

/// Loaded classifiers by bundle and model folder, so a process loads each bundle once however
/// many scanners and policies name it.
public final class ClassifierCache: @unchecked Sendable {
    // SAFETY: `entries` is only read or written while `lock` is held; the stored classifiers are
    // immutable `Sendable` values.
    private let lock = NSLock()
    private var entries: [String: Classifier] = [:]

    /// The process-wide cache the `classifier` scanner type uses.
    public static let shared = ClassifierCache()

    /// An empty cache.
    public init() {}

    /// The classifier for `bundle` with its backbone in `modelsDirectory`, loaded on first use.
    /// Paths are resolved (symlinks, `..`), so two spellings of one folder share one load.
    public func classifier(bundle: String, modelsDirectory: String, threads: Int = 1) throws(EncoderError) -> Classifier {
        let key = Self.canonical(bundle) + "\u{0}" + Self.canonical(modelsDirectory)
        lock.lock()
        defer { lock.unlock() }
        if let hit = entries[key] { return hit }
        let loaded = try Classifier(directory: bundle, modelsDirectory: modelsDirectory, threads: threads)
        entries[key] = loaded
        return loaded
    }

    /// The number of loaded classifiers.
    public var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return entries.count
    }

    private static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
