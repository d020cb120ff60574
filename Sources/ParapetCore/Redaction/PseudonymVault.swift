import Synchronization

/// Keeps reversible pseudonyms per conversation so that a model's answer can be restored.
///
/// Within one conversation the same value always gets the same placeholder (`<EMAIL_1>`), and
/// distinct values of one type get distinct numbers. "The same value" is judged on the value's
/// ``identity(of:type:)``: `Jane@Example.com` and `jane@example.com`, or `+1 415-555-0100` and
/// `+14155550100`, share one placeholder (which restores to the spelling seen first). A
/// placeholder-shaped text the user typed (``reserveTypedPlaceholders(in:conversation:)``) is
/// never issued nor restored, so restoring an answer cannot turn the user's own `<EMAIL_1>` into
/// an address.
/// The vault is safe to share between tasks. It lives in memory, bounded by its ``Limits``: the
/// conversations used least recently are forgotten past ``Limits/maxConversations``, and those
/// idle longer than ``Limits/idleTimeout``. A server that needs pseudonyms across restarts must
/// persist it itself.
public final class PseudonymVault: Sendable {
    /// How much the vault keeps.
    public struct Limits: Sendable, Hashable {
        /// The most conversations held; past it the tenth used least recently is forgotten.
        public var maxConversations: Int
        /// A conversation not used for this long is forgotten (nil: never).
        public var idleTimeout: Duration?

        /// 10,000 conversations, forgotten after an hour without use.
        public init(maxConversations: Int = 10_000, idleTimeout: Duration? = .seconds(3600)) {
            self.maxConversations = max(1, maxConversations)
            self.idleTimeout = idleTimeout
        }
    }

    /// A value of one type: the key of ``Conversation/byValue`` (hashed field by field, so a
    /// lookup builds no combined string).
    private struct TypedValue: Hashable {
        let type: String
        let value: String
    }

    private struct Conversation {
        var byValue: [TypedValue: String] = [:]
        var byPlaceholder: [String: String] = [:]
        /// The ``byValue`` key of each placeholder, to retire one without a search.
        var keyOfPlaceholder: [String: TypedValue] = [:]
        var counters: [String: Int] = [:]
        /// Placeholder-shaped texts the user typed: never issued, never restored.
        var typed: Set<String> = []
        /// When the conversation was last used.
        var lastUsed: ContinuousClock.Instant
    }

    private struct State {
        var conversations: [String: Conversation] = [:]
        var lastSweep = ContinuousClock.now
    }

    // SAFETY: not needed; Mutex makes the class Sendable by construction.
    private let state = Mutex<State>(State())
    /// What the vault keeps.
    public let limits: Limits
    /// The time (a test's own clock).
    private let now: @Sendable () -> ContinuousClock.Instant

    /// Creates an empty vault.
    public convenience init(limits: Limits = Limits()) {
        self.init(limits: limits, now: { ContinuousClock.now })
    }

    /// Creates an empty vault that reads the time from `now` (tests).
    init(limits: Limits, now: @escaping @Sendable () -> ContinuousClock.Instant) {
        self.limits = limits
        self.now = now
        state.withLock { $0.lastSweep = now() }
    }

    /// Runs `body` on a conversation, marking it used, and creates it first if needed
    /// (forgetting the least recently used ones past the limit).
    private func updatingConversation<Result>(_ id: String, _ body: (inout Conversation) -> Result) -> Result {
        state.withLock { state in
            let now = now()
            sweepIdle(&state, now: now)
            if state.conversations[id] == nil {
                if state.conversations.count >= limits.maxConversations { evictLeastRecentlyUsed(&state) }
                state.conversations[id] = Conversation(lastUsed: now)
            }
            // Mutated in place: copying the conversation out and back would copy its tables.
            state.conversations[id]?.lastUsed = now
            return body(&state.conversations[id]!)
        }
    }

    /// Runs `body` on a conversation, marking it used; nil when there is none (reading creates none).
    private func readingConversation<Result>(_ id: String, _ body: (Conversation) -> Result) -> Result? {
        state.withLock { state in
            let now = now()
            sweepIdle(&state, now: now)
            guard state.conversations[id] != nil else { return nil }
            state.conversations[id]?.lastUsed = now
            return body(state.conversations[id]!)
        }
    }

    /// Forgets the conversations idle past the timeout; looks at most four times per timeout.
    private func sweepIdle(_ state: inout State, now: ContinuousClock.Instant) {
        guard let timeout = limits.idleTimeout, now - state.lastSweep >= timeout / 4 else { return }
        state.lastSweep = now
        state.conversations = state.conversations.filter { now - $0.value.lastUsed < timeout }
    }

    /// Forgets the tenth of the conversations used least recently (at least one), so that a
    /// full vault sorts once per tenth of its size, not at every new conversation.
    private func evictLeastRecentlyUsed(_ state: inout State) {
        let count = max(1, limits.maxConversations / 10)
        let oldest = state.conversations.sorted { $0.value.lastUsed < $1.value.lastUsed }.prefix(count)
        for (id, _) in oldest { state.conversations[id] = nil }
    }

    /// The conversation of texts that name none (`Redactor`, policies and `Guard` use it alike).
    public static let defaultConversation = "default"

    /// The placeholder for `value` of type `type` in `conversation`, creating one if needed.
    public func pseudonym(for value: String, type: String, conversation: String) -> String {
        updatingConversation(conversation) { Self.pseudonym(for: value, type: type, in: &$0) }
    }

    private static func pseudonym(for value: String, type: String, in conv: inout Conversation) -> String {
        let key = TypedValue(type: type, value: identity(of: value, type: type))
        if let existing = conv.byValue[key] { return existing }
        var number = conv.counters[type, default: 0] + 1
        while conv.typed.contains("<\(type)_\(number)>") { number += 1 }
        conv.counters[type] = number
        let placeholder = "<\(type)_\(number)>"
        conv.byValue[key] = placeholder
        conv.byPlaceholder[placeholder] = value
        conv.keyOfPlaceholder[placeholder] = key
        return placeholder
    }

    /// What makes two values of a type the same value: e-mail addresses, host names, IP
    /// addresses, names and places compare without case; phone, card, IBAN and US social security
    /// numbers by their letters and digits alone, so spacing, dashes and a leading `+` do not
    /// matter. Any other type compares exactly: a URL's path and query are case-sensitive, a
    /// date's separators carry meaning (`1/12/1990` is not `11/2/1990`) and a secret's case is
    /// part of the secret.
    public static func identity(of value: String, type: String) -> String {
        switch type {
        case "EMAIL", "DOMAIN", "HOSTNAME", "IP_ADDRESS", "IPV4", "IPV6", "PERSON", "LOCATION", "ADDRESS":
            return value.lowercased()
        case "PHONE", "CREDIT_CARD", "IBAN", "US_SSN":
            var identity = String.UnicodeScalarView()
            identity.append(contentsOf: value.unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil })
            return String(identity).uppercased()
        default:
            return value
        }
    }

    /// Records the placeholder-shaped texts (`<EMAIL_1>`: `<`, capitals, digits or `_`, then `_`
    /// and a number, then `>`) in `text` as typed by the user: the vault never issues them and
    /// never restores them. One the conversation had issued is retired (its value gets a new
    /// number when it is next pseudonymized): answers are always restored, so a user who sends
    /// `<EMAIL_1>` typed or pasted it, and restoring it would hand them a value they never wrote
    /// there. Call it with every text of a request before pseudonymizing any of them
    /// (``Redactor`` does it for the text it rewrites; the chat guard for the whole request).
    public func reserveTypedPlaceholders(in text: String, conversation: String) {
        let found = Self.placeholderShapes(in: text)
        guard !found.isEmpty else { return }
        updatingConversation(conversation) { Self.reserve(found, in: &$0) }
    }

    private static func reserve(_ found: [String], in conv: inout Conversation) {
        for placeholder in found where !conv.typed.contains(placeholder) {
            if conv.byPlaceholder.removeValue(forKey: placeholder) != nil,
                let key = conv.keyOfPlaceholder.removeValue(forKey: placeholder)
            {
                conv.byValue[key] = nil
            }
            conv.typed.insert(placeholder)
        }
    }

    /// The values this conversation has pseudonymized, written as first seen, ready to put their
    /// placeholders back in texts the policy does not scan (the model's earlier answers in a chat
    /// history, restored before the user saw them, would otherwise carry the real values back to
    /// the model); nil when there are none. Build it once per request: it holds one automaton.
    public func knownValues(conversation: String) -> KnownValues? {
        KnownValues(readingConversation(conversation) { $0.byPlaceholder } ?? [:])
    }

    /// `text` with the conversation's known values replaced by their placeholders
    /// (``knownValues(conversation:)`` for one text).
    public func pseudonymizeKnownValues(in text: String, conversation: String) -> String {
        knownValues(conversation: conversation)?.pseudonymize(text) ?? text
    }

    /// Every `<TYPE_N>` in `text`.
    static func placeholderShapes(in text: String) -> [String] {
        var found: [String] = []
        var utf8 = text.utf8[...]
        while let open = utf8.firstIndex(of: UInt8(ascii: "<")) {
            var cursor = utf8.index(after: open)
            var lastUnderscore: String.UTF8View.Index?
            var numberDigits = 0  // digits after the last `_`, and nothing else
            var numberHasLetter = false
            while cursor < utf8.endIndex {
                let byte = utf8[cursor]
                if byte == UInt8(ascii: "_") {
                    (lastUnderscore, numberDigits, numberHasLetter) = (cursor, 0, false)
                } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                    numberDigits += 1
                } else if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") {
                    numberHasLetter = true
                } else {
                    break
                }
                cursor = utf8.index(after: cursor)
            }
            if cursor < utf8.endIndex, utf8[cursor] == UInt8(ascii: ">"), let underscore = lastUnderscore,
                underscore > utf8.index(after: open), numberDigits > 0, !numberHasLetter
            {
                found.append(String(text[open...cursor]))
            }
            utf8 = utf8[cursor...]
        }
        return found
    }

    /// The original value behind a placeholder, if this conversation issued it.
    public func value(for placeholder: String, conversation: String) -> String? {
        readingConversation(conversation) { $0.byPlaceholder }?[placeholder]
    }

    /// Replaces every placeholder this conversation issued in `text` with its original value.
    ///
    /// Works on UTF-8 bytes in one linear pass, so a placeholder is found even when a combining
    /// mark or joiner follows its `>` (which would fuse the two into one `Character`).
    public func restore(_ text: String, conversation: String) -> String {
        let mapping = readingConversation(conversation) { $0.byPlaceholder } ?? [:]
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
        _ = state.withLock { $0.conversations.removeValue(forKey: conversation) }
    }

    /// Number of conversations held.
    public var conversationCount: Int { state.withLock { $0.conversations.count } }
}
