/// US Social Security Number rules (SSA): impossible areas, groups and serials, and numbers
/// known to be invalid (advertising and documentation examples).
public enum USSocialSecurityNumber {
    /// Whether `text` (`123-45-6789`, `123 45 6789` or `123456789`) could be an issued SSN.
    ///
    /// Separators must be consistent: both dashes, both spaces or none.
    public static func isValid(_ text: some StringProtocol) -> Bool {
        let bytes = Array(text.utf8)
        var digits: [Int] = []
        var separators: [UInt8] = []
        for byte in bytes {
            if byte.isDigit { digits.append(Int(byte - UInt8(ascii: "0"))) } else { separators.append(byte) }
        }
        guard digits.count == 9 else { return false }
        switch separators.count {
        case 0: break
        case 2:
            guard separators[0] == separators[1], separators[0] == UInt8(ascii: "-") || separators[0] == UInt8(ascii: " "),
                bytes.count == 11, bytes[3] == separators[0], bytes[6] == separators[0]
            else { return false }
        default: return false
        }
        let area = digits[0] * 100 + digits[1] * 10 + digits[2]
        let group = digits[3] * 10 + digits[4]
        let serial = digits[5] * 1000 + digits[6] * 100 + digits[7] * 10 + digits[8]
        if area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0 { return false }
        if Set(digits).count == 1 { return false }
        let number = digits.reduce(0) { $0 * 10 + $1 }
        return !knownInvalid.contains(number)
    }

    /// Numbers published in advertising or documentation (Woolworth's wallet card, the SSA's
    /// pamphlet examples, `123-45-6789`, …).
    static let knownInvalid: Set<Int> = [
        78_051_120, 219_099_999, 123_456_789, 457_555_462, 987_654_320,
        987_654_321, 987_654_322, 987_654_323, 987_654_324, 987_654_325,
        987_654_326, 987_654_327, 987_654_328, 987_654_329,
    ]
}
