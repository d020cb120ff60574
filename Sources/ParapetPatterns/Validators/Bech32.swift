/// Bech32 (BIP 173) and Bech32m (BIP 350) checksums for SegWit addresses.
public enum Bech32 {
    private static let charset = Array("qpzry9x8gf2tvdw0s3jn54khce6mua7l".utf8)
    private static let table: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (index, char) in charset.enumerated() { table[Int(char)] = Int8(index) }
        return table
    }()

    /// Which checksum constant a string satisfies.
    public enum Encoding: Sendable, Equatable {
        /// BIP 173, constant 1 (witness version 0).
        case bech32
        /// BIP 350, constant 0x2bc830a3 (witness versions 1…16).
        case bech32m
    }

    /// Decodes `text` into its human-readable part and 5-bit data (checksum removed), or nil.
    public static func decode(_ text: some StringProtocol) -> (hrp: String, data: [UInt8], encoding: Encoding)? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 8, bytes.count <= 90 else { return nil }
        let hasLower = bytes.contains { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }
        let hasUpper = bytes.contains { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }
        guard !(hasLower && hasUpper) else { return nil }
        let lower = bytes.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 + 32 : $0 }
        guard let separator = lower.lastIndex(of: UInt8(ascii: "1")), separator >= 1, separator + 7 <= lower.count else {
            return nil
        }
        let hrp = Array(lower[..<separator])
        guard hrp.allSatisfy({ $0 >= 33 && $0 <= 126 }) else { return nil }
        var data: [UInt8] = []
        for char in lower[(separator + 1)...] {
            let value = table[Int(char)]
            guard value >= 0 else { return nil }
            data.append(UInt8(value))
        }
        let check = polymod(expand(hrp) + data)
        let encoding: Encoding
        switch check {
        case 1: encoding = .bech32
        case 0x2bc8_30a3: encoding = .bech32m
        default: return nil
        }
        return (String(decoding: hrp, as: UTF8.self), Array(data.dropLast(6)), encoding)
    }

    /// Whether `text` is a SegWit address for Bitcoin mainnet (`bc`) or testnet (`tb`), with the
    /// checksum its witness version requires.
    public static func isValidSegwitAddress(_ text: some StringProtocol) -> Bool {
        guard let (hrp, data, encoding) = decode(text), hrp == "bc" || hrp == "tb", let version = data.first,
            version <= 16
        else { return false }
        guard encoding == (version == 0 ? .bech32 : .bech32m) else { return false }
        guard let program = convertBits(Array(data.dropFirst()), from: 5, to: 8, pad: false) else { return false }
        if version == 0 { return program.count == 20 || program.count == 32 }
        return (2...40).contains(program.count)
    }

    private static func expand(_ hrp: [UInt8]) -> [UInt8] {
        hrp.map { $0 >> 5 } + [0] + hrp.map { $0 & 31 }
    }

    private static func polymod(_ values: [UInt8]) -> UInt32 {
        let generator: [UInt32] = [0x3b6a_57b2, 0x2650_8e6d, 0x1ea1_19fa, 0x3d42_33dd, 0x2a14_62b3]
        var checksum: UInt32 = 1
        for value in values {
            let top = checksum >> 25
            checksum = (checksum & 0x1ff_ffff) << 5 ^ UInt32(value)
            for index in 0..<5 where (top >> UInt32(index)) & 1 == 1 {
                checksum ^= generator[index]
            }
        }
        return checksum
    }

    private static func convertBits(_ data: [UInt8], from: Int, to: Int, pad: Bool) -> [UInt8]? {
        var accumulator = 0
        var bits = 0
        var result: [UInt8] = []
        let maxValue = (1 << to) - 1
        for value in data {
            guard Int(value) >> from == 0 else { return nil }
            accumulator = (accumulator << from) | Int(value)
            bits += from
            while bits >= to {
                bits -= to
                result.append(UInt8((accumulator >> bits) & maxValue))
            }
        }
        if pad {
            if bits > 0 { result.append(UInt8((accumulator << (to - bits)) & maxValue)) }
        } else if bits >= from || ((accumulator << (to - bits)) & maxValue) != 0 {
            return nil
        }
        return result
    }
}
