/// GitHub classic token checksum: the last six characters are the CRC32 of the 30-character
/// body, written in base62 (`0-9A-Za-z`) and left-padded with zeros.
public enum GitHubToken {
    private static let base62 = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    /// Whether `token` (`ghp_`, `gho_`, `ghu_`, `ghs_` or `ghr_` plus 36 base62 characters) has
    /// a valid CRC32 suffix.
    public static func hasValidChecksum(_ token: some StringProtocol) -> Bool {
        let bytes = Array(token.utf8)
        guard bytes.count == 40, bytes[3] == UInt8(ascii: "_") else { return false }
        let body = bytes[4..<34]
        let expected = encode(CRC32.checksum(body))
        return Array(bytes[34...]) == expected
    }

    /// The six-character base62 form of a CRC32 value.
    static func encode(_ value: UInt32) -> [UInt8] {
        var result = [UInt8](repeating: UInt8(ascii: "0"), count: 6)
        var rest = Int(value)
        var index = 5
        while rest > 0, index >= 0 {
            result[index] = base62[rest % 62]
            rest /= 62
            index -= 1
        }
        return result
    }
}

/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), as zlib computes it.
public enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { index in
        var crc = UInt32(index)
        for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        return crc
    }

    /// The CRC32 of a byte sequence.
    public static func checksum(_ bytes: some Sequence<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}
