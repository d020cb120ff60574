import Foundation
import ParapetCore

/// A stand-in for the real `patterns` scanner, good enough for the values used in
/// `policies/tests/*.yaml`: a few Foundation regexes plus a Luhn check. It lets the shipped
/// policy tests run here without PCRE2; the real catalogs are tested by ParapetPatterns and the
/// shipped tests run against them in the umbrella target.
struct RegexStandIn: ParapetCore.Scanner {
    struct Pattern {
        let regex: NSRegularExpression
        let category: Category
        let group: Int
        let luhn: Bool
    }

    let id: String
    let patterns: [Pattern]

    static let catalogs: [String: [(String, Category, Int, Bool)]] = [
        "pii": [
            (#"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"#, .email, 0, false),
            (#"(?:\+\d{1,2} )?\b\d{3}-\d{3}-\d{4}\b"#, .phone, 0, false),
            (#"\b(?:\d{4}[ -]?){3}\d{4}\b"#, .creditCard, 0, true),
            (#"\b\d{3}-\d{2}-\d{4}\b"#, .usSSN, 0, false),
            (#"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){3,7}(?: ?[A-Z0-9]{1,4})?\b"#, .iban, 0, false),
        ],
        "secrets": [
            (#"\bAKIA[0-9A-Z]{16}\b"#, .awsAccessKeyID, 0, false),
            (#"://[^:/\s@]+:([^@\s]+)@"#, .passwordInURL, 1, false),
        ],
    ]

    init(id: String, parameters: [String: ParameterValue]) throws {
        self.id = id
        let names = parameters["catalogs"]?.stringList ?? ["pii", "secrets"]
        patterns = try names.flatMap { name in
            try (Self.catalogs[name] ?? []).map { source, category, group, luhn in
                Pattern(regex: try NSRegularExpression(pattern: source), category: category, group: group, luhn: luhn)
            }
        }
    }

    func scan(_ input: ScanInput) throws -> ScanOutcome {
        let text = input.text
        var findings: [Finding] = []
        for pattern in patterns {
            for match in pattern.regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                guard let range = Range(match.range(at: pattern.group), in: text) else { continue }
                if pattern.luhn, !Self.passesLuhn(text[range]) { continue }
                let lower = text.utf8.distance(from: text.startIndex, to: range.lowerBound)
                let upper = text.utf8.distance(from: text.startIndex, to: range.upperBound)
                findings.append(Finding(scanner: id, category: pattern.category, range: lower..<upper, score: 0.9,
                                        rule: pattern.category.placeholderType.lowercased()))
            }
        }
        return ScanOutcome(findings: findings)
    }

    static func passesLuhn(_ text: Substring) -> Bool {
        let digits = text.compactMap(\.wholeNumberValue)
        let sum = digits.reversed().enumerated().reduce(0) { total, item in
            let doubled = item.offset.isMultiple(of: 2) ? item.element : item.element * 2
            return total + (doubled > 9 ? doubled - 9 : doubled)
        }
        return digits.count >= 13 && sum.isMultiple(of: 10)
    }
}
