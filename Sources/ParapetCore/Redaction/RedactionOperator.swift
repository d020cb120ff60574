/// How a rewrite rule replaces a finding's text.
public enum RedactionOperator: Sendable, Hashable {
    /// Replace every character with `character`, keeping the last `keepLast` characters
    /// (`****-****-****-4242` style when separators are kept).
    case mask(character: Character = "*", keepLast: Int = 0, keepSeparators: Bool = false)
    /// Replace with a typed placeholder such as `<EMAIL>`; `template` may use `{TYPE}` (the
    /// category's last component, upper-cased) and `{category}`.
    case replace(template: String = "<{TYPE}>")
    /// Replace with a keyed hash: HMAC-SHA256 of the value under `key`, hex, first `length`
    /// characters, as `<TYPE:hash>`. Stable across conversations for the same key.
    case hash(key: String, length: Int = 16)
    /// Replace with a reversible pseudonym (`<EMAIL_1>`): the same value gets the same
    /// placeholder within one conversation, and a ``PseudonymVault`` restores it later.
    case pseudonymize
    /// Remove the text entirely.
    case remove

    /// The name used in policies: `mask`, `replace`, `hash`, `pseudonymize`, `remove`.
    public var name: String {
        switch self {
        case .mask: "mask"
        case .replace: "replace"
        case .hash: "hash"
        case .pseudonymize: "pseudonymize"
        case .remove: "remove"
        }
    }
}

extension Category {
    /// The placeholder type name: the last dotted component, upper-cased (`pii.email` → `EMAIL`).
    public var placeholderType: String {
        // Common case (ASCII name not ending in a dot): the bytes after the last dot, upper-cased
        // byte by byte (`uppercased()` goes through Unicode case mapping), exactly what the split
        // below returns.
        var name = rawValue
        let fast = name.withUTF8 { bytes -> String? in
            guard let last = bytes.last, last != UInt8(ascii: "."), bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            let start = (bytes.lastIndex(of: UInt8(ascii: ".")) ?? -1) + 1
            return String(unsafeUninitializedCapacity: bytes.count - start) { output in
                for index in start..<bytes.count {
                    let byte = bytes[index]
                    output[index - start] = byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") ? byte - 32 : byte
                }
                return bytes.count - start
            }
        }
        if let fast { return fast }
        return (rawValue.split(separator: ".").last.map(String.init) ?? rawValue).uppercased()
    }
}
