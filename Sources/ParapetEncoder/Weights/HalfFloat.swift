/// Bit-exact conversions between binary16 / bfloat16 and `Float`, portable to every platform.
enum HalfFloat {
    /// binary16 bits → Float (subnormals, infinities and NaN preserved).
    static func toFloat(_ h: UInt16) -> Float {
        let sign = UInt32(h & 0x8000) << 16
        let exp = Int(h >> 10) & 0x1F
        let mant = UInt32(h & 0x03FF)
        if exp == 0 {
            // Zero or subnormal: value = mant · 2^-24.
            let magnitude = Float(mant) * 0x1p-24
            return sign != 0 ? -magnitude : magnitude
        }
        if exp == 0x1F {
            return Float(bitPattern: sign | 0x7F80_0000 | (mant << 13))
        }
        return Float(bitPattern: sign | UInt32(exp + 112) << 23 | (mant << 13))
    }

    /// Float → binary16 bits, rounding to nearest even.
    static func fromFloat(_ f: Float) -> UInt16 {
        let bits = f.bitPattern
        let sign = UInt16((bits >> 16) & 0x8000)
        if f.isNaN { return sign | 0x7E00 }
        let a = abs(f)
        if a >= 65520 { return sign | 0x7C00 }
        if a < 0x1p-14 {
            // Subnormal half: round a / 2^-24 to an integer (nearest even).
            return sign | UInt16((a * 0x1p24).rounded(.toNearestOrEven))
        }
        let abits = a.bitPattern
        let exp = Int(abits >> 23) - 112
        var mant = abits & 0x7F_FFFF
        var e = UInt32(exp)
        let round = mant & 0x1FFF
        mant >>= 13
        if round > 0x1000 || (round == 0x1000 && (mant & 1) == 1) {
            mant += 1
            if mant == 0x400 { mant = 0; e += 1 }
        }
        return sign | UInt16(e << 10) | UInt16(mant)
    }

    /// Float → bfloat16 bits, rounding to nearest even.
    static func bf16FromFloat(_ f: Float) -> UInt16 {
        if f.isNaN { return UInt16(f.bitPattern >> 16) | 0x40 }
        let bits = f.bitPattern
        let rounded = bits &+ 0x7FFF &+ ((bits >> 16) & 1)
        return UInt16(rounded >> 16)
    }
}
