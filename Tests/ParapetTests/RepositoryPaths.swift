import Foundation

/// Paths in the repository, found from this file's location (tests may run from any directory).
enum RepositoryPaths {
    /// The package root.
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The shipped policies.
    static var policies: String { root + "/policies" }
}
