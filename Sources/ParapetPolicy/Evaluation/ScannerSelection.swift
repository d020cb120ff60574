public import ParapetCore

/// Which of a policy's scanners an evaluation runs.
public enum ScannerSelection: Sendable, Hashable {
    /// Every scanner of the text's direction.
    case all
    /// Every scanner but these ids.
    case excluding(Set<String>)
    /// Only these ids.
    case only(Set<String>)

    /// Whether the scanner with `id` runs.
    public func includes(_ id: String) -> Bool {
        switch self {
        case .all: true
        case .excluding(let ids): !ids.contains(id)
        case .only(let ids): ids.contains(id)
        }
    }
}
