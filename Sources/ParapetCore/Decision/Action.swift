/// What a policy does with a text.
///
/// Precedence, strongest first: `block` > `rewrite` > `flag` > `allow`. When several rules fire,
/// the decision takes the strongest action; all rewrites that fire are applied together.
public enum Action: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Let the text through unchanged.
    case allow
    /// Let the text through unchanged but mark the decision for review.
    case flag
    /// Let a rewritten text through (redacted, masked, pseudonymised, replaced).
    case rewrite
    /// Stop the text.
    case block

    /// Strength used for precedence: higher wins.
    public var precedence: Int {
        switch self {
        case .allow: 0
        case .flag: 1
        case .rewrite: 2
        case .block: 3
        }
    }

    /// Orders actions by precedence.
    public static func < (lhs: Action, rhs: Action) -> Bool { lhs.precedence < rhs.precedence }
}
