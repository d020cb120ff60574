/// The Luhn (mod-10) checksum used by payment card numbers.
public enum Luhn {
    /// Whether the digits of `text` (spaces and dashes ignored) pass the Luhn check.
    ///
    /// Anything other than digits, spaces and dashes fails, as do fewer than 12 or more than
    /// 19 digits and numbers made of a single repeated digit.
    public static func isValid(_ text: some StringProtocol) -> Bool {
        // Two passes over the bytes (the second lazily, in `checksum`) instead of collecting the
        // digits: no allocation.
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
        return checksum(digitValues: text.utf8.lazy.filter(\.isDigit).map { $0 &- UInt8(ascii: "0") }) == 0
    }

    /// The Luhn sum of the digits modulo 10 (0 for a valid number).
    public static func checksum(_ digits: [UInt8]) -> Int {
        checksum(digitValues: digits)
    }

    /// ``checksum(_:)`` of any sequence of digit values that can be read from its end (a lazy
    /// view of a text's digits, so ``isValid(_:)`` collects none).
    static func checksum(digitValues digits: some BidirectionalCollection<UInt8>) -> Int {
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
