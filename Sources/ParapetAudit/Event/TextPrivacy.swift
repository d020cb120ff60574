public import Foundation
import Crypto
import ParapetCore

/// How much of a rewritten text the audit trail keeps. The original text is never kept.
public enum TextPrivacy: Sendable, Hashable {
    /// Keep a SHA-256 of the rewritten text (the default): proves what was sent, reveals nothing.
    case hash
    /// Keep an HMAC-SHA-256 under a secret key, so short texts cannot be guessed from the hash.
    case keyedHash(key: Data)
    /// Keep the rewritten (already redacted) text itself. Only when a policy or config says so.
    case full
    /// Keep nothing about the text.
    case none

    /// Parses `hash`, `full` or `none` (a keyed hash is configured in code, with its key).
    public init?(name: String) {
        switch name {
        case "hash": self = .hash
        case "full": self = .full
        case "none": self = .none
        default: return nil
        }
    }

    /// The record for a rewritten text, or `nil` for ``none``.
    public func record(for text: String) -> AuditText? {
        switch self {
        case .none:
            return nil
        case .full:
            return AuditText(mode: "full", hash: "sha256:" + Hex.lowercase(SHA256.hash(data: Data(text.utf8))), value: text)
        case .hash:
            return AuditText(mode: "hash", hash: "sha256:" + Hex.lowercase(SHA256.hash(data: Data(text.utf8))))
        case .keyedHash(let key):
            let mac = HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: SymmetricKey(data: key))
            return AuditText(mode: "hash", hash: "hmac-sha256:" + Hex.lowercase(mac))
        }
    }
}
