/// Shape checks that keep a phone pattern off dates, IPs, versions, card numbers and SSNs.
public enum PhoneShape {
    /// Whether `text` could be a phone number: 7…15 digits, and not shaped like a date
    /// (`2022-03-06`, `30.07.1951`), a dotted IP or version, an SSN (`123-45-6789`) or a card
    /// number grouping (`4-6-5`, `4-6-4`, `4-4-4-4`).
    public static func isPlausible(_ text: some StringProtocol) -> Bool {
        // The digit groups' lengths, packed four bits each (a group of 15 or more digits, or
        // more than 15 groups, means more than 15 digits: rejected below anyway).
        var groups = Groups()
        var separatorCount = 0, dots = 0, hyphens = 0, digits = 0
        var hasParen = false
        var current = 0
        for byte in text.utf8 {
            if byte.isDigit {
                current += 1
                digits += 1
            } else {
                if current > 0 { groups.append(current) }
                current = 0
                separatorCount += 1
                if byte == UInt8(ascii: ".") { dots += 1 }
                if byte == UInt8(ascii: "-") { hyphens += 1 }
                if byte == UInt8(ascii: "(") { hasParen = true }
            }
        }
        if current > 0 { groups.append(current) }
        guard (7...15).contains(digits) else { return false }
        let hasPlus = text.utf8.first == UInt8(ascii: "+")
        if !hasPlus, !hasParen {
            if IPAddress.isValidIPv4(text) { return false }
            if dateGroupings.contains(groups) { return false }
            let dotsOnly = separatorCount > 0 && dots == separatorCount
            if dotsOnly, groups.count >= 3, groups.allAtMost(3) { return false }
            if groups == ssnGrouping, hyphens == separatorCount { return false }
            if cardGroupings.contains(groups) { return false }
        }
        return true
    }

    /// Digit groupings of dates (`2022-03-06`, `30.07.1951`, `1/2/2024`).
    private static let dateGroupings: [Groups] = [[4, 2, 2], [2, 2, 4], [1, 2, 4], [2, 1, 4], [1, 1, 4], [4, 1, 1], [4, 2, 1], [4, 1, 2]]
    /// The SSN grouping (`123-45-6789` when joined by hyphens).
    private static let ssnGrouping: Groups = [3, 2, 4]
    /// Card number groupings (`4-6-5`, `4-6-4`, `4-4-4-4`, `4-4-4-3`).
    private static let cardGroupings: [Groups] = [[4, 6, 5], [4, 6, 4], [4, 4, 4, 4], [4, 4, 4, 3]]

    /// Up to 15 group lengths of up to 15, packed in one integer (no array per call).
    private struct Groups: Equatable, ExpressibleByArrayLiteral {
        private(set) var count = 0
        private var packed: UInt64 = 0

        init() {}

        init(arrayLiteral lengths: Int...) {
            for length in lengths { append(length) }
        }

        /// Adds a group; lengths over 15 and groups past the 15th are kept as 15 and not at all,
        /// which only texts with more than 15 digits have.
        mutating func append(_ length: Int) {
            guard count < 15 else { return }
            packed |= UInt64(min(length, 15)) << UInt64(4 * count)
            count += 1
        }

        func allAtMost(_ limit: Int) -> Bool {
            (0..<count).allSatisfy { Int((packed >> UInt64(4 * $0)) & 15) <= limit }
        }
    }
}
