/// Strict parsers for IPv4 dotted quads and IPv6 text forms (RFC 4291 §2.2, RFC 5952).
public enum IPAddress {
    /// Whether `text` is a dotted-quad IPv4 address: four decimal octets 0…255 without leading
    /// zeros (`010.1.1.1` is rejected: it reads as octal in some parsers and as a version elsewhere).
    public static func isValidIPv4(_ text: some StringProtocol) -> Bool {
        isIPv4(text.utf8)
    }

    /// Whether `text` is an IPv6 address: eight groups of 1…4 hex digits, or fewer with exactly
    /// one `::`, optionally ending in an embedded IPv4 address and a `%zone`.
    public static func isValidIPv6(_ text: some StringProtocol) -> Bool {
        var bytes = Array(text.utf8)[...]
        if let percent = bytes.firstIndex(of: UInt8(ascii: "%")) {
            let zone = bytes[(percent + 1)...]
            guard !zone.isEmpty, zone.allSatisfy({ $0.isAlphanumeric || $0 == UInt8(ascii: ".") }) else { return false }
            bytes = bytes[..<percent]
        }
        guard bytes.count >= 2 else { return false }
        if let split = firstDoubleColon(bytes) {
            let left = bytes[..<split]
            let right = bytes[(split + 2)...]
            guard firstDoubleColon(right) == nil, right.first != UInt8(ascii: ":") else { return false }
            guard let leftGroups = countGroups(left, allowIPv4Tail: false),
                let rightGroups = countGroups(right, allowIPv4Tail: true)
            else { return false }
            return leftGroups + rightGroups >= 1 && leftGroups + rightGroups <= 7
        }
        return countGroups(bytes, allowIPv4Tail: true) == 8
    }

    private static func firstDoubleColon(_ bytes: ArraySlice<UInt8>) -> Int? {
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            if bytes[index] == UInt8(ascii: ":"), bytes[index + 1] == UInt8(ascii: ":") { return index }
            index += 1
        }
        return nil
    }

    /// Counts the colon-separated hex groups of one side of an address (an embedded IPv4 tail
    /// counts as two); nil when a group is empty or malformed.
    private static func countGroups(_ bytes: ArraySlice<UInt8>, allowIPv4Tail: Bool) -> Int? {
        if bytes.isEmpty { return 0 }
        let parts = bytes.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        var groups = 0
        for (index, part) in parts.enumerated() {
            if allowIPv4Tail, index == parts.count - 1, part.contains(UInt8(ascii: ".")) {
                guard isIPv4(part) else { return nil }
                groups += 2
                continue
            }
            guard (1...4).contains(part.count), part.allSatisfy(\.isHexDigit) else { return nil }
            groups += 1
        }
        return groups
    }

    /// Whether `bytes` are a dotted quad as ``isValidIPv4(_:)`` has it: four dot-separated parts
    /// of 1…3 digits, none with a leading zero, each at most 255 (one pass, no allocation).
    static func isIPv4<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
        var parts = 0, length = 0, value = 0
        var leadingZero = false
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                guard length > 0 else { return false }
                parts += 1
                length = 0
                value = 0
                continue
            }
            guard byte.isDigit, length < 3 else { return false }
            if length == 0 { leadingZero = byte == UInt8(ascii: "0") } else if leadingZero { return false }
            value = value * 10 + Int(byte &- UInt8(ascii: "0"))
            guard value <= 255 else { return false }
            length += 1
        }
        return parts == 3 && length > 0
    }
}
