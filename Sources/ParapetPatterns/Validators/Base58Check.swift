internal import Crypto

/// Base58Check decoding (Bitcoin's alphabet) and legacy Bitcoin address validation.
public enum Base58Check {
    private static let alphabet = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".utf8)
    private static let table: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (index, char) in alphabet.enumerated() { table[Int(char)] = Int8(index) }
        return table
    }()

    /// Decodes Base58 text into bytes, or nil if a character is outside the alphabet.
    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        var result: [UInt8] = []
        var leadingZeros = 0
        var seenNonZero = false
        for char in text.utf8 {
            let value = table[Int(char)]
            guard value >= 0 else { return nil }
            if !seenNonZero {
                if value == 0 { leadingZeros += 1; continue }
                seenNonZero = true
            }
            var carry = Int(value)
            for index in result.indices.reversed() {
                carry += Int(result[index]) * 58
                result[index] = UInt8(carry & 0xFF)
                carry >>= 8
            }
            while carry > 0 {
                result.insert(UInt8(carry & 0xFF), at: 0)
                carry >>= 8
            }
        }
        return [UInt8](repeating: 0, count: leadingZeros) + result
    }

    /// Decodes Base58Check text and verifies its 4-byte double-SHA-256 checksum; returns the
    /// payload (version byte included) or nil.
    public static func decodeChecked(_ text: some StringProtocol) -> [UInt8]? {
        guard let bytes = decode(text), bytes.count > 4 else { return nil }
        let payload = Array(bytes[..<(bytes.count - 4)])
        let first = SHA256.hash(data: payload)
        let second = Array(SHA256.hash(data: Array(first)))
        return Array(second[0..<4]) == Array(bytes[(bytes.count - 4)...]) ? payload : nil
    }

    /// Whether `text` is a P2PKH (`1…`, version 0x00) or P2SH (`3…`, version 0x05) mainnet
    /// address, or their testnet forms (0x6F, 0xC4), with a valid checksum.
    public static func isValidBitcoinAddress(_ text: some StringProtocol) -> Bool {
        guard (25...35).contains(text.utf8.count), let payload = decodeChecked(text), payload.count == 21 else {
            return false
        }
        return [0x00, 0x05, 0x6F, 0xC4].contains(payload[0])
    }
}
