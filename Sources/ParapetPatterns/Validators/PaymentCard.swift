/// Payment card brands by issuer prefix and length, combined with the Luhn check.
public enum PaymentCard {
    /// A card brand.
    public enum Brand: String, Sendable, CaseIterable {
        case visa, mastercard, amex, diners, discover, jcb, maestro, unionpay, mir
    }

    /// The brand whose prefix and length fit the digits of `text`, or nil.
    public static func brand(_ text: some StringProtocol) -> Brand? {
        let digits = Array(text.utf8.filter(\.isDigit))
        let count = digits.count
        func prefix(_ length: Int) -> Int {
            digits.prefix(length).reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        }
        let p1 = prefix(1), p2 = prefix(2), p3 = prefix(3), p4 = prefix(4), p6 = prefix(6)
        if p1 == 4, [13, 16, 19].contains(count) { return .visa }
        if (51...55).contains(p2) || (2221...2720).contains(p4), count == 16 { return .mastercard }
        if p2 == 34 || p2 == 37, count == 15 { return .amex }
        if (300...305).contains(p3) || p4 == 3095 || p2 == 36 || p2 == 38 || p2 == 39, (14...19).contains(count) { return .diners }
        if p4 == 6011 || (644...649).contains(p3) || p2 == 65 || (622_126...622_925).contains(p6), (16...19).contains(count) {
            return .discover
        }
        if (3500...3589).contains(p4), (16...19).contains(count) { return .jcb }
        if [5018, 5020, 5038, 5893, 6304, 6390, 6759, 6761, 6762, 6763, 604, 6220].contains(p4)
            || (p4 == 604 && digits.first == UInt8(ascii: "0")), (12...19).contains(count)
        {
            return .maestro
        }
        if (2200...2204).contains(p4), (16...19).contains(count) { return .mir }
        if p2 == 62, (16...19).contains(count) { return .unionpay }
        return nil
    }

    /// Whether `text` is a card number of a known brand that passes Luhn.
    public static func isValid(_ text: some StringProtocol) -> Bool {
        brand(text) != nil && Luhn.isValid(text)
    }
}
