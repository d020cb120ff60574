/// Lowercase hexadecimal text for digests, MACs and keys: the one spelling every SHA-256 pin,
/// policy digest, audit hash and keyed-hash placeholder uses.
public enum Hex {
    /// Two lowercase hex digits per byte, in order.
    public static func lowercase(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
