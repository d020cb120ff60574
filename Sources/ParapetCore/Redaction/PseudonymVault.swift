import Synchronization

/// Keeps reversible pseudonyms per conversation so that a model's answer can be restored.
///
/// Within one conversation the same value always gets the same placeholder (`<EMAIL_1>`), and
/// distinct values of one type get distinct numbers. The vault is safe to share between tasks.
/// It lives in memory; a server that needs pseudonyms across restarts must persist it itself.
public final class PseudonymVault: Sendable {
    private struct Conversation {
        var byValue: [String: String] = [:]  // "TYPE\u{0}value" -> placeholder
        var byPlaceholder: [String: String] = [:]
        var counters: [String: Int] = [:]
    }

    // SAFETY: not needed; Mutex makes the class Sendable by construction.
    private let state = Mutex<[String: Conversation]>([:])

    /// Creates an empty vault.
    public init() {}

    /// The placeholder for `value` of type `type` in `conversation`, creating one if needed.
    public func pseudonym(for value: String, type: String, conversation: String) -> String {
        state.withLock { all in
            var conv = all[conversation, default: Conversation()]
            let key = type + "\u{0}" + value
            if let existing = conv.byValue[key] { return existing }
            let number = conv.counters[type, default: 0] + 1
            conv.counters[type] = number
            let placeholder = "<\(type)_\(number)>"
            conv.byValue[key] = placeholder
            conv.byPlaceholder[placeholder] = value
            all[conversation] = conv
            return placeholder
        }
    }

    /// The original value behind a placeholder, if this conversation issued it.
    public func value(for placeholder: String, conversation: String) -> String? {
        state.withLock { $0[conversation]?.byPlaceholder[placeholder] }
    }

    /// Replaces every placeholder this conversation issued in `text` with its original value.
    public func restore(_ text: String, conversation: String) -> String {
        let mapping = state.withLock { $0[conversation]?.byPlaceholder ?? [:] }
        guard !mapping.isEmpty, text.contains("<") else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "<") {
            result += rest[..<open]
            if let close = rest[open...].firstIndex(of: ">") {
                let candidate = String(rest[open...close])
                if let original = mapping[candidate] {
                    result += original
                    rest = rest[rest.index(after: close)...]
                    continue
                }
            }
            result += "<"
            rest = rest[rest.index(after: open)...]
        }
        result += rest
        return result
    }

    /// Forgets a conversation's pseudonyms.
    public func forget(conversation: String) {
        _ = state.withLock { $0.removeValue(forKey: conversation) }
    }

    /// Number of conversations held.
    public var conversationCount: Int { state.withLock { $0.count } }
}
