/// Shape checks that keep a phone pattern off dates, IPs, versions, card numbers and SSNs.
public enum PhoneShape {
    /// Whether `text` could be a phone number: 7…15 digits, and not shaped like a date
    /// (`2022-03-06`, `30.07.1951`), a dotted IP or version, an SSN (`123-45-6789`) or a card
    /// number grouping (`4-6-5`, `4-6-4`, `4-4-4-4`).
    public static func isPlausible(_ text: some StringProtocol) -> Bool {
        var groups: [Int] = []
        groups.reserveCapacity(8)
        var separatorCount = 0, dots = 0, hyphens = 0
        var hasParen = false
        var current = 0
        for byte in text.utf8 {
            if byte.isDigit {
                current += 1
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
        let digits = groups.reduce(0, +)
        guard (7...15).contains(digits) else { return false }
        let hasPlus = text.utf8.first == UInt8(ascii: "+")
        if !hasPlus, !hasParen {
            if IPAddress.isValidIPv4(text) { return false }
            if looksLikeDate(groups) { return false }
            let dotsOnly = separatorCount > 0 && dots == separatorCount
            if dotsOnly, groups.count >= 3, groups.allSatisfy({ $0 <= 3 }) { return false }
            if groups == [3, 2, 4], hyphens == separatorCount { return false }
            if groups == [4, 6, 5] || groups == [4, 6, 4] || groups == [4, 4, 4, 4] || groups == [4, 4, 4, 3] {
                return false
            }
        }
        return true
    }

    private static func looksLikeDate(_ groups: [Int]) -> Bool {
        groups == [4, 2, 2] || groups == [2, 2, 4] || groups == [1, 2, 4] || groups == [2, 1, 4]
            || groups == [1, 1, 4] || groups == [4, 1, 1] || groups == [4, 2, 1] || groups == [4, 1, 2]
    }
}
