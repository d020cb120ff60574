import Parapet

/// Takes the upstream API key out of what the upstream says.
///
/// Some servers and gateways repeat the key they were sent in their errors ("Incorrect API key
/// provided: sk-…"); those bodies reach clients (a 4xx passes through, a 5xx's message is quoted)
/// and the audit trail, so ``OpenAIClient`` cleans every body where it reads it (since
/// 2026-12-02). A JSON body is searched after decoding, so escaped spellings (`\u0073k-…`, `\/`)
/// are found too, and re-encoded only when it held the key; other bytes are searched as they are.
/// Strings are searched as UTF-8 bytes, not as Characters: a combining mark or variation selector
/// right after the key joins its last character, and a Character search then missed it (QA,
/// 2026-12-02). A byte match of a whole key starts and ends on scalar boundaries, so the replaced
/// text stays valid UTF-8. Pure logic, no I/O.
struct UpstreamKeyRedactor: Sendable {
    /// What the key is replaced with.
    static let redaction = "[redacted]"

    private let key: String

    /// A redactor for `key`, or nil when there is no key or it is too short (under 4 bytes) to
    /// replace without garbling ordinary text.
    init?(key: String?) {
        guard let key, key.utf8.count >= 4 else { return nil }
        self.key = key
    }

    /// `bytes` with the key replaced, or `bytes` themselves when they do not hold it.
    func redacting(_ bytes: [UInt8]) -> [UInt8] {
        if let json = try? JSONValue.parse(bytes) {
            return mentions(json) ? redacting(json).serializedBytes : bytes
        }
        return bytes.replacing(Array(key.utf8), with: Array(Self.redaction.utf8))
    }

    /// `value` with the key replaced in every string and member name (decoded), or `value` itself.
    func redacting(_ value: JSONValue) -> JSONValue {
        guard mentions(value) else { return value }
        switch value {
        case .string(let text): return .string(replacing(in: text))
        case .array(let items): return .array(items.map { redacting($0) })
        case .object(let members): return .object(members.map { (key: replacing(in: $0.key), value: redacting($0.value)) })
        case .null, .bool, .number: return value
        }
    }

    private func mentions(_ value: JSONValue) -> Bool {
        switch value {
        case .string(let text): contains(text)
        case .array(let items): items.contains { mentions($0) }
        case .object(let members): members.contains { contains($0.key) || mentions($0.value) }
        case .null, .bool, .number: false
        }
    }

    private func contains(_ text: String) -> Bool {
        text.utf8.firstRange(of: key.utf8) != nil
    }

    private func replacing(in text: String) -> String {
        guard contains(text) else { return text }
        return String(decoding: Array(text.utf8).replacing(Array(key.utf8), with: Array(Self.redaction.utf8)), as: UTF8.self)
    }
}
