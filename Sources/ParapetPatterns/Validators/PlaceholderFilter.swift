/// Recognises documented example keys and placeholders that must not be reported as secrets:
/// AWS's documentation keys, `xxxx`, `<your-key>`, `${ENV}`, `{{ var }}`, `changeme`, repeated
/// or sequential characters, and the like.
public enum PlaceholderFilter {
    /// Keys published in vendor documentation (AWS, …).
    static let documentedExamples: Set<String> = [
        "AKIAIOSFODNN7EXAMPLE", "AKIAI44QH8DHBEXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY", "ASIAIOSFODNN7EXAMPLE",
    ]

    /// Lower-case fragments that mark a value as a placeholder rather than a secret.
    static let markers: [String] = [
        "example", "placeholder", "changeme", "change_me", "change-me", "your_", "your-", "yourkey",
        "your key", "xxxx", "****", "....", "redacted", "dummy", "sample", "insert", "replace",
        "todo", "fixme", "secret_here", "key_here", "token_here", "password_here", "environ", "getenv",
        "process.env", "env(", "env[", "settings.", "config.", "vault:", "ssm:", "***",
    ]

    /// Whole values (lower-cased) that are never secrets.
    static let words: Set<String> = [
        "password", "passwd", "secret", "token", "apikey", "api_key", "null", "none", "nil", "true",
        "false", "undefined", "empty", "string", "test", "testing", "admin", "root", "default",
        "bearer", "basic", "required", "optional", "hidden", "masked", "unset", "value",
        "password123", "12345678", "123456", "qwerty", "letmein", "secret123", "str", "bytes",
    ]

    /// The markers as a caseless literal table, so one pass over a value finds any of them (the
    /// pattern scanners' prefilter mechanism).
    static let markerTable = LiteralTable(markers.map { (bytes: Array($0.utf8), caseless: true, wordBounded: false) })

    /// The lengths of ``documentedExamples``, checked before a value is turned into a String.
    static let documentedLengths: Set<Int> = Set(documentedExamples.map(\.utf8.count))

    /// Whether `value` is a documented example or a placeholder.
    public static func isPlaceholder(_ value: some StringProtocol) -> Bool {
        value.withUTF8Buffer { isPlaceholder(bytes: $0) }
    }

    /// ``isPlaceholder(_:)`` on the value's UTF-8 bytes; allocates only for the short-word and
    /// documented-example lookups.
    static func isPlaceholder(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return true }
        // ${VAR}, $VAR, %VAR%, {{ var }}, <your-key>, [token], %(name)s
        if first == UInt8(ascii: "$") || first == UInt8(ascii: "<") || first == UInt8(ascii: "{")
            || first == UInt8(ascii: "[") || (first == UInt8(ascii: "%") && (last == UInt8(ascii: "%") || bytes.count > 1 && bytes[1] == UInt8(ascii: "(")))
        {
            return true
        }
        if containsMarker(bytes) { return true }
        if bytes.count <= 16, words.contains(String(decoding: bytes.lazy.map(asciiLower), as: UTF8.self)) { return true }
        if documentedLengths.contains(bytes.count), documentedExamples.contains(String(decoding: bytes, as: UTF8.self)) {
            return true
        }
        return isRepetitive(bytes) || isSequential(bytes)
    }

    /// Whether any marker occurs in `bytes`, compared ASCII-case-insensitively.
    static func containsMarker(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        markerTable.containsAny(in: bytes)
    }

    /// One byte making up most of the value, or a short unit repeated (`abcabcabc`).
    static func isRepetitive(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 4 else { return false }
        // 32-bit counters: a quarter of the table to clear per value (values are short; one of
        // 4 GiB would wrap, and is not a placeholder anyway).
        let top = withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 256) { counts in
            counts.initialize(repeating: 0)
            var top: UInt32 = 0
            for byte in bytes {
                counts[Int(byte)] &+= 1
                top = max(top, counts[Int(byte)])
            }
            return Int(top)
        }
        if Double(top) >= Double(bytes.count) * 0.6 { return true }
        for unit in 1...3 where bytes.count >= unit * 3 {
            if (unit..<bytes.count).allSatisfy({ bytes[$0] == bytes[$0 - unit] }) { return true }
        }
        return false
    }

    /// A run like `123456789` or `abcdefgh` making up the whole value.
    static func isSequential(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 6 else { return false }
        let step = Int(bytes[1]) - Int(bytes[0])
        guard step == 1 || step == -1 else { return false }
        return (2..<bytes.count).allSatisfy { Int(bytes[$0]) - Int(bytes[$0 - 1]) == step }
    }
}

