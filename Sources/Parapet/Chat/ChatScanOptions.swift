import Foundation

/// Which parts of a chat exchange a ``ChatGuard`` scans, and how it streams.
public struct ChatScanOptions: Sendable, Hashable {
    /// Message roles whose content is scanned on the way in (`user`, `tool`, `function` by default:
    /// tool results carry indirect prompt injection).
    public var roles: Set<String>
    /// Whether system and developer messages are scanned too.
    public var scanSystem: Bool
    /// Whether a top-level `documents` array (retrieved passages, as vLLM and others accept) is scanned.
    public var scanDocuments: Bool
    /// Whether tool-call arguments in answers are scanned like text.
    public var scanToolArguments: Bool
    /// Bytes held back while streaming (at least the longest finding to catch).
    public var holdback: Int

    /// Creates options; the defaults scan user messages, tool results, documents and tool-call arguments.
    public init(
        roles: Set<String> = ["user", "tool", "function"],
        scanSystem: Bool = false,
        scanDocuments: Bool = true,
        scanToolArguments: Bool = true,
        holdback: Int = 256
    ) {
        self.roles = roles
        self.scanSystem = scanSystem
        self.scanDocuments = scanDocuments
        self.scanToolArguments = scanToolArguments
        self.holdback = holdback
    }

    /// The roles of OpenAI's chat format; ``roles`` chooses among these.
    public static let knownRoles: Set<String> = ["system", "developer", "user", "assistant", "tool", "function"]

    /// The roles whose messages make up the system prompt, as lookup keys.
    static let systemRoles: Set<String> = ["system", "developer"]

    /// Whether `role` is a system or developer role (case-insensitively, without surrounding spaces).
    public static func isSystem(role: String) -> Bool {
        systemRoles.contains(role.lookupKey)
    }

    /// Whether a message with `role` is scanned. Roles compare case-insensitively, without
    /// surrounding spaces. A role outside ``knownRoles`` (`human`, `User `) is always scanned:
    /// an upstream that renders roles into a chat template may show it to the model as a user
    /// turn, so skipping it would let a prompt past the guard.
    public func scans(role: String) -> Bool {
        let role = role.lookupKey
        if Self.systemRoles.contains(role) { return scanSystem }
        guard Self.knownRoles.contains(role) else { return true }
        return roles.contains { $0.lookupKey == role }
    }
}
