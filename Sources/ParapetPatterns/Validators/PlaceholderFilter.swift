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

    /// Lower-cased marker bytes, for a byte search without String overhead.
    static let markerBytes: [[UInt8]] = markers.map { Array($0.utf8) }

    /// `markerBytes` indexed by their first byte, so one pass over a value compares only the
    /// markers that start with each of its bytes.
    static let markersByFirst: [[[UInt8]]] = {
        var table = [[[UInt8]]](repeating: [], count: 256)
        for marker in markerBytes { if let first = marker.first { table[Int(first)].append(marker) } }
        return table
    }()

    /// Whether `value` is a documented example or a placeholder.
    public static func isPlaceholder(_ value: some StringProtocol) -> Bool {
        let bytes = Array(value.utf8)
        guard let first = bytes.first, let last = bytes.last else { return true }
        // ${VAR}, $VAR, %VAR%, {{ var }}, <your-key>, [token], %(name)s
        if first == UInt8(ascii: "$") || first == UInt8(ascii: "<") || first == UInt8(ascii: "{")
            || first == UInt8(ascii: "[") || (first == UInt8(ascii: "%") && (last == UInt8(ascii: "%") || bytes.count > 1 && bytes[1] == UInt8(ascii: "(")))
        {
            return true
        }
        let lower = bytes.map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 }
        if containsMarker(lower) { return true }
        if bytes.count <= 16, words.contains(String(decoding: lower, as: UTF8.self)) { return true }
        if bytes.count >= 20, documentedExamples.contains(String(decoding: bytes, as: UTF8.self)) { return true }
        if isRepetitive(bytes) || isSequential(bytes) { return true }
        return false
    }

    /// Whether any of `markerBytes` occurs in `lower`: the same answer as searching for each
    /// marker in turn, in one pass.
    static func containsMarker(_ lower: [UInt8]) -> Bool {
        let table = markersByFirst
        for index in lower.indices {
            for marker in table[Int(lower[index])] where index + marker.count <= lower.count {
                var offset = 1
                while offset < marker.count, lower[index + offset] == marker[offset] { offset += 1 }
                if offset == marker.count { return true }
            }
        }
        return false
    }

    /// Naive byte search; markers are short and values are short.
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, haystack.count >= needle.count else { return false }
        var index = 0
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first {
                var offset = 1
                while offset < needle.count, haystack[index + offset] == needle[offset] { offset += 1 }
                if offset == needle.count { return true }
            }
            index += 1
        }
        return false
    }

    /// One byte making up most of the value, or a short unit repeated (`abcabcabc`).
    static func isRepetitive(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 4 else { return false }
        var counts = [Int](repeating: 0, count: 256)
        for byte in bytes { counts[Int(byte)] += 1 }
        if let top = counts.max(), Double(top) >= Double(bytes.count) * 0.6 { return true }
        for unit in 1...3 where bytes.count >= unit * 3 {
            if (unit..<bytes.count).allSatisfy({ bytes[$0] == bytes[$0 - unit] }) { return true }
        }
        return false
    }

    /// A run like `123456789` or `abcdefgh` making up the whole value.
    static func isSequential(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 6 else { return false }
        let steps = zip(bytes.dropFirst(), bytes).map { Int($0) - Int($1) }
        return steps.allSatisfy { $0 == 1 } || steps.allSatisfy { $0 == -1 }
    }
}
