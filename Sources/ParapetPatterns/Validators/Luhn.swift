/// The Luhn (mod-10) checksum used by payment card numbers.
public enum Luhn {
    /// Whether the digits of `text` (spaces and dashes ignored) pass the Luhn check.
    ///
    /// Anything other than digits, spaces and dashes fails, as do fewer than 12 or more than
    /// 19 digits and numbers made of a single repeated digit.
    public static func isValid(_ text: some StringProtocol) -> Bool {
        // Two passes over the bytes instead of collecting the digits: no allocation.
        var count = 0
        var first: UInt8 = 0
        var allSame = true
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if count == 0 { first = byte } else if byte != first { allSame = false }
                count += 1
            case UInt8(ascii: " "), UInt8(ascii: "-"): continue
            default: return false
            }
        }
        guard (12...19).contains(count), !allSame else { return false }
        // `checksum`, from the last digit back.
        var sum = 0
        var position = 0
        for byte in text.utf8.reversed() where byte.isDigit {
            var value = Int(byte &- UInt8(ascii: "0"))
            if position % 2 == 1 {
                value *= 2
                if value > 9 { value -= 9 }
            }
            sum += value
            position += 1
        }
        return sum % 10 == 0
    }

    /// The Luhn sum of the digits modulo 10 (0 for a valid number).
    public static func checksum(_ digits: [UInt8]) -> Int {
        var sum = 0
        for (offset, digit) in digits.reversed().enumerated() {
            var value = Int(digit)
            if offset % 2 == 1 {
                value *= 2
                if value > 9 { value -= 9 }
            }
            sum += value
        }
        return sum % 10
    }
}
