import Foundation
import Synchronization

/// NFKC (through Foundation) for short scalar chunks, memoized: the same few non-ASCII
/// characters (fullwidth letters, capitals of a script, ligatures) recur across requests.
enum NFKCCache {
    /// Entries kept before the cache is emptied and refilled.
    static let capacity = 8192

    private static let cache = Mutex<[String: [Unicode.Scalar]]>([:])

    /// The NFKC form of `scalars`, homoglyph-folded if `fold`.
    static func normalize(_ scalars: ArraySlice<Unicode.Scalar>, fold: Bool) -> [Unicode.Scalar] {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        let key = String(view)
        let normalized = cache.withLock { $0[key] } ?? {
            let value = Array(key.precomposedStringWithCompatibilityMapping.unicodeScalars)
            cache.withLock { entries in
                if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
                entries[key] = value
            }
            return value
        }()
        return fold ? normalized.map(Homoglyphs.fold) : normalized
    }
}
