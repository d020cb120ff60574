import ParapetCore
import Crypto
import Foundation

/// Client API keys, kept only as SHA-256 digests and compared in constant time.
public struct ClientKeys: Sendable {
    /// The stored digests with the key's name (for logs; the key itself is never kept).
    public private(set) var entries: [(name: String, digest: [UInt8])] = []

    /// No keys.
    public init() {}

    /// Whether no key is configured.
    public var isEmpty: Bool { entries.isEmpty }

    /// Adds a key by its SHA-256 digest in hex (what the config file stores).
    /// - Throws: ``ServerError`` `bad_config` when the digest is not 64 hex digits, or is the
    ///   digest of the empty key (which no client can send, but which would lift the loopback rule).
    public mutating func add(name: String, sha256Hex: String) throws(ServerError) {
        guard let digest = Self.bytes(hex: sha256Hex), digest.count == 32 else {
            throw ServerError(code: .badConfig, message: "key '\(name)': sha256 must be 64 hex digits", location: "keys")
        }
        guard digest != Self.digest("") else {
            throw ServerError(code: .badConfig, message: "key '\(name)': sha256 is the digest of an empty key", location: "keys")
        }
        try append(name: name, digest: digest)
    }

    /// Adds a key given in clear (from the environment); only its digest is kept.
    /// - Throws: ``ServerError`` `bad_config` when another key has the name.
    public mutating func add(name: String, plaintext: String) throws(ServerError) {
        try append(name: name, digest: Self.digest(plaintext))
    }

    /// Names are unique: a key's name scopes its conversations' pseudonyms and is what the audit
    /// trail records, so two keys sharing one (an unnamed `key1` beside a key named `key1`, a file
    /// key named `env0`) would read each other's pseudonymised values (found 2026-12-02).
    private mutating func append(name: String, digest: [UInt8]) throws(ServerError) {
        guard !name.isEmpty, !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw ServerError(code: .badConfig, message: "a client key needs a name without control characters", location: "keys")
        }
        guard !entries.contains(where: { $0.name == name }) else {
            throw ServerError(code: .badConfig, message: "two client keys are named '\(name)'; names must be unique", location: "keys")
        }
        entries.append((name, digest))
    }

    /// The name of the key `presented` matches, or `nil`. Every stored digest is compared, each in
    /// constant time, so timing reveals neither which key matched nor how much of it.
    public func match(_ presented: String) -> String? {
        let candidate = Self.digest(presented)
        var found: String?
        for entry in entries {
            var difference: UInt8 = 0
            for (a, b) in zip(entry.digest, candidate) { difference |= a ^ b }
            if difference == 0 && found == nil { found = entry.name }
        }
        return found
    }

    /// The SHA-256 digest of a key in hex (what to put in the config file).
    public static func sha256Hex(_ key: String) -> String {
        Hex.lowercase(digest(key))
    }

    static func digest(_ key: String) -> [UInt8] { Array(SHA256.hash(data: Array(key.utf8))) }

    static func bytes(hex: String) -> [UInt8]? {
        let chars = Array(hex.lowercased().utf8)
        guard chars.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        var index = 0
        while index < chars.count {
            guard let high = Self.nibble(chars[index]), let low = Self.nibble(chars[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }

    static func nibble(_ char: UInt8) -> UInt8? {
        switch char {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): char - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): char - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
