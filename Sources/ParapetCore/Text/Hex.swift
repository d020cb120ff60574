/// Lowercase hexadecimal text for digests, MACs and keys: the one spelling every SHA-256 pin,
/// policy digest, audit hash and keyed-hash placeholder uses.
public enum Hex {
    /// Two lowercase hex digits per byte, in order.
    ///
    /// Inlinable so that callers' digest types are specialized (the audit trail hex-encodes
    /// two or three digests per event).
    @inlinable
    public static func lowercase(_ bytes: some Sequence<UInt8>) -> String {
        let array = Array(bytes)
        return array.withUnsafeBufferPointer { lowercase(buffer: $0) }
    }

    /// Two lowercase hex digits per byte of a buffer, in order.
    public static func lowercase(buffer: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: buffer.count * 2) { out in
            var index = 0
            for byte in buffer {
                out[index] = digit(byte >> 4)
                out[index + 1] = digit(byte & 0x0F)
                index += 2
            }
            return index
        }
    }

    /// The ASCII digit for a nibble (0…15).
    private static func digit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
