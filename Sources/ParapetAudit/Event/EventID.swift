/// Event ids: UUIDv7 strings, which sort by creation time.
public enum EventID {
    /// A new UUIDv7 for an event made at `timeMicros`: 48 bits of milliseconds, version 7,
    /// 74 random bits, the RFC 9562 variant.
    public static func make(timeMicros: Int64) -> String {
        var generator = SystemRandomNumberGenerator()
        let millis = UInt64(max(0, timeMicros / 1000))
        let random = generator.next() as UInt64
        let random2 = generator.next() as UInt64
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<6 { bytes[index] = UInt8(truncatingIfNeeded: millis >> (8 * (5 - index))) }
        for index in 6..<14 { bytes[index] = UInt8(truncatingIfNeeded: random >> (8 * (index - 6))) }
        bytes[14] = UInt8(truncatingIfNeeded: random2)
        bytes[15] = UInt8(truncatingIfNeeded: random2 >> 8)
        bytes[6] = 0x70 | (bytes[6] & 0x0F)
        bytes[8] = 0x80 | (bytes[8] & 0x3F)
        let digits: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: 36) { buffer in
            var out = 0
            digits.withUTF8Buffer { hex in
                for (index, byte) in bytes.enumerated() {
                    if index == 4 || index == 6 || index == 8 || index == 10 {
                        buffer[out] = UInt8(ascii: "-")
                        out += 1
                    }
                    buffer[out] = hex[Int(byte >> 4)]
                    buffer[out + 1] = hex[Int(byte & 0x0F)]
                    out += 2
                }
            }
            return out
        }
    }
}
