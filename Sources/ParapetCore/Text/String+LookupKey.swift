import Foundation

extension String {
    /// This string without surrounding whitespace, lower-cased: how chat roles and model names are
    /// compared. Strings of lower-case ASCII letters only (nearly every role) are returned as they
    /// are, without Foundation's trimming and case mapping (a few µs per proxied message).
    package var lookupKey: String {
        if utf8.allSatisfy({ $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }) { return self }
        return trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}
