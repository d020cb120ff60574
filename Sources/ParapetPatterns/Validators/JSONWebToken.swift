/// JWT structure check: three dot-separated base64url parts whose header decodes to a JSON
/// object naming an `alg`, and whose payload decodes to a JSON object (RFC 7519, RFC 7515).
public enum JSONWebToken {
    /// Whether `text` looks like a signed (or `alg: none`) JWT.
    public static func isValid(_ text: some StringProtocol) -> Bool {
        let parts = Array(text.utf8).split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty else { return false }
        guard let header = decodeBase64URL(parts[0]), let payload = decodeBase64URL(parts[1]) else { return false }
        return isObject(header, naming: Array("\"alg\"".utf8)) && isObject(payload, naming: nil)
    }

    /// A JSON object (`{ … }`, surrounding whitespace allowed) that contains `key` followed by a colon.
    static func isObject(_ bytes: [UInt8], naming key: [UInt8]?) -> Bool {
        let trimmed = bytes.drop { $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 }
        guard trimmed.first == UInt8(ascii: "{"), bytes.last(where: { $0 > 32 }) == UInt8(ascii: "}") else { return false }
        guard let key else { return true }
        let all = Array(trimmed)
        var index = 0
        while index + key.count <= all.count {
            if all[index..<(index + key.count)].elementsEqual(key) {
                var next = index + key.count
                while next < all.count, all[next] == 32 { next += 1 }
                if next < all.count, all[next] == UInt8(ascii: ":") { return true }
            }
            index += 1
        }
        return false
    }

    private static let table: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (index, char) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8.enumerated() {
            table[Int(char)] = Int8(index)
        }
        table[Int(UInt8(ascii: "+"))] = 62
        table[Int(UInt8(ascii: "/"))] = 63
        return table
    }()

    /// Decodes base64url (padding optional), or nil on a bad character or length.
    static func decodeBase64URL(_ text: some Collection<UInt8>) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(text.count * 3 / 4)
        var buffer: UInt32 = 0
        var bits = 0
        for char in text {
            if char == UInt8(ascii: "=") { break }
            let value = table[Int(char)]
            guard value >= 0 else { return nil }
            buffer = buffer << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
            }
        }
        return bits >= 6 ? nil : output
    }
}
