import Synchronization

/// Keeps reversible pseudonyms per conversation so that a model's answer can be restored.
///
/// Within one conversation the same value always gets the same placeholder (`<EMAIL_1>`), and
/// distinct values of one type get distinct numbers. The vault is safe to share between tasks.
/// It lives in memory; a server that needs pseudonyms across restarts must persist it itself.
public final class PseudonymVault: Sendable {
    /// A value of one type: the key of ``Conversation/byValue`` (hashed field by field, so a
    /// lookup builds no combined string).
    private struct TypedValue: Hashable {
        let type: String
        let value: String
    }

    private struct Conversation {
        var byValue: [TypedValue: String] = [:]
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
            // Mutated in place: copying the conversation out and back would copy its tables on
            // every new pseudonym.
            Self.pseudonym(for: value, type: type, in: &all[conversation, default: Conversation()])
        }
    }

    private static func pseudonym(for value: String, type: String, in conv: inout Conversation) -> String {
        let key = TypedValue(type: type, value: value)
        if let existing = conv.byValue[key] { return existing }
        let number = conv.counters[type, default: 0] + 1
        conv.counters[type] = number
        let placeholder = "<\(type)_\(number)>"
        conv.byValue[key] = placeholder
        conv.byPlaceholder[placeholder] = value
        return placeholder
    }

    /// The original value behind a placeholder, if this conversation issued it.
    public func value(for placeholder: String, conversation: String) -> String? {
        state.withLock { $0[conversation]?.byPlaceholder[placeholder] }
    }

    /// Replaces every placeholder this conversation issued in `text` with its original value.
    ///
    /// Works on UTF-8 bytes in one linear pass, so a placeholder is found even when a combining
    /// mark or joiner follows its `>` (which would fuse the two into one `Character`).
    public func restore(_ text: String, conversation: String) -> String {
        let mapping = state.withLock { $0[conversation]?.byPlaceholder ?? [:] }
        guard !mapping.isEmpty else { return text }
        let open = UInt8(ascii: "<")
        let close = UInt8(ascii: ">")
        let bytes = Array(text.utf8)
        guard bytes.contains(open) else { return text }
        let longest = mapping.keys.map(\.utf8.count).max() ?? 0
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var copied = 0  // bytes before this index are already in `output`
        var i = 0
        scan: while i < bytes.count {
            guard bytes[i] == open else {
                i += 1
                continue
            }
            // A placeholder holds no `<`: look for the `>` closing this `<` before another `<`.
            var j = i + 1
            while j < bytes.count {
                if bytes[j] == open {
                    i = j
                    continue scan
                }
                if bytes[j] == close { break }
                j += 1
            }
            guard j < bytes.count else { break }
            if j + 1 - i <= longest, let original = mapping[String(decoding: bytes[i...j], as: UTF8.self)] {
                output.append(contentsOf: bytes[copied..<i])
                output.append(contentsOf: original.utf8)
                copied = j + 1
            }
            i = j + 1
        }
        guard copied > 0 else { return text }
        output.append(contentsOf: bytes[copied...])
        return String(decoding: output, as: UTF8.self)
    }

    /// Forgets a conversation's pseudonyms.
    public func forget(conversation: String) {
        _ = state.withLock { $0.removeValue(forKey: conversation) }
    }

    /// Number of conversations held.
    public var conversationCount: Int { state.withLock { $0.count } }
}
