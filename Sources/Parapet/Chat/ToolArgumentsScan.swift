import ParapetCore

/// Scans tool-call arguments as the client will decode them.
///
/// Arguments are JSON text inside a JSON string. Scanned as text, an escape the JSON needs hid a
/// value (`"export PASSWORD=\"…\""`: the `\"` stays written, so the password's label was never
/// seen) and a rewrite could swallow the backslash of `\"`, leaving invalid JSON (QA, 2026-12-02).
/// When the arguments parse, every string in them (and every number of 7+ digits, and every object
/// key) is scanned decoded, on its own (after its member name when the name is a secret's label,
/// `password: …`, so `{"password": "…"}` still counts; other names are left out, so
/// `{"city": "Paris"}` reads as it did in the raw text), and the arguments are encoded again only
/// if a string changed; otherwise they pass as they came. Arguments that do not parse (a
/// server that sends plain text) are scanned as text with the escapes that only hide a character
/// written out (``JSONEscapeNormalizer``). Pure logic: the scan is the caller's.
enum ToolArgumentsScan {
    /// A scan of one text at a location: the text to pass on, or nil when the policy blocked.
    typealias Scan = (_ text: String, _ location: String) -> String?

    /// The arguments to pass on, or nil when a part was blocked. `scan` gives the policy's text
    /// (placeholders not restored); `restore` puts the conversation's values back once a value's
    /// label is taken off (restored first, a member name holding a placeholder no longer matched
    /// the label, which stayed in the value: QA, 2026-12-02).
    static func scan(_ arguments: String, location: String, restore: (String) -> String, with scan: Scan) -> String? {
        let normalized = JSONEscapeNormalizer.normalize(arguments)
        guard let json = parsed(normalized) else { return scan(normalized, location).map(restore) }
        var blocked = false
        var changed = false
        let rewritten = rewrite(json, name: nil, location: location) { text, name, path in
            let label = name.flatMap { isSecretLabel($0) ? "\($0): " : nil } ?? ""
            guard let out = scan(label + text, path) else {
                blocked = true
                return text
            }
            // The label comes out first unless a finding reached into it: then only the part
            // before the finding is dropped (as the streamed reader does).
            let common = zip(label.utf8, out.utf8).prefix { $0 == $1 }.count
            let value = restore(String(decoding: out.utf8.dropFirst(common), as: UTF8.self))
            if value != text { changed = true }
            return value
        }
        if blocked { return nil }
        return changed ? String(decoding: rewritten.serializedBytes, as: UTF8.self) : arguments
    }

    /// The arguments with the conversation's values put back and nothing scanned
    /// (`scan.tool_arguments: false`): in arguments that parse, each string and key on its own,
    /// encoded again, keys kept distinct, as the streamed reader does (restored over the raw text,
    /// two keys could come out the same, and a value holding `"` would break the JSON); other
    /// arguments as text.
    static func restore(_ arguments: String, with restore: (String) -> String) -> String {
        let normalized = JSONEscapeNormalizer.normalize(arguments)
        guard let json = parsed(normalized) else { return restore(normalized) }
        var changed = false
        let rewritten = rewrite(json, name: nil, location: "") { text, _, _ in
            let value = restore(text)
            if value != text { changed = true }
            return value
        }
        return changed ? String(decoding: rewritten.serializedBytes, as: UTF8.self) : arguments
    }

    /// Arguments read as JSON: an object or an array, else nil (text).
    private static func parsed(_ normalized: String) -> JSONValue? {
        guard let json = try? JSONValue.parse(Array(normalized.utf8)), json.isObject || json.arrayValue != nil else { return nil }
        return json
    }

    /// Member names that make their value a secret (the labels of the generic assignment patterns).
    static let secretLabels = ["password", "passwd", "pwd", "secret", "token", "api_key", "apikey", "api-key",
                               "access_key", "private_key", "credential", "auth"]

    static func isSecretLabel(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return secretLabels.contains { lowered.contains($0) }
    }

    /// What a key's location adds to its member's (`.to#key`): the part that records the key itself.
    static let keySuffix = "#key"

    /// Whether the scan of the text at `location` is worth a record: always for a value; for a
    /// key only when the policy found or did something (keys are mostly names such as `to`, and
    /// a record for each would double the audit trail of every tool call).
    static func isRecorded(_ decision: Decision, at location: String) -> Bool {
        !location.hasSuffix(keySuffix) || decision.action != .allow || !decision.findings.isEmpty
    }

    /// Numbers with at least this many digits are scanned too: a card, phone or social security
    /// number written as a JSON number (`{"card": 4111111111111111}`); shorter ones are counts.
    static let minNumberDigits = 7

    static func isLongNumber(_ text: String) -> Bool {
        text.utf8.lazy.filter { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count >= minNumberDigits
    }

    /// `value` with every string, every long number and every object key replaced by
    /// `transform(text, member name, location)`; a number that changed becomes a string. A key
    /// is read without a label, at its member's location plus ``keySuffix``, and kept distinct
    /// from the object's other keys (``ObjectKeys``); its member's value is named and located by
    /// the key as written.
    private static func rewrite(
        _ value: JSONValue, name: String?, location: String, _ transform: (String, String?, String) -> String
    ) -> JSONValue {
        switch value {
        case .string(let text):
            return .string(transform(text, name, location))
        case .number(let text) where isLongNumber(text):
            let out = transform(text, name, location)
            return out == text ? value : .string(out)
        case .array(let items):
            return .array(items.enumerated().map { rewrite($1, name: name, location: "\(location)[\($0)]", transform) })
        case .object(let members):
            var keys = ObjectKeys()
            return .object(members.map { member in
                let path = "\(location).\(member.key)"
                let key = transform(member.key, nil, path + keySuffix)
                return (key: keys.add(key, changed: key != member.key),
                        value: rewrite(member.value, name: member.key, location: path, transform))
            })
        default:
            return value
        }
    }
}
