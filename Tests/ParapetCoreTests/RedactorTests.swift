import Testing

@testable import ParapetCore

@Suite("Redactor")
struct RedactorTests {
    static func edit(_ category: Category, _ range: Range<Int>, _ op: RedactionOperator, score: Double = 0.9) -> Redactor.Edit {
        Redactor.Edit(finding: Finding(scanner: "test", category: category, range: range, score: score, rule: "r"), operator: op)
    }

    /// The byte range of `needle` in `text`.
    static func range(of needle: String, in text: String) -> Range<Int> {
        let bytes = Array(text.utf8)
        let pattern = Array(needle.utf8)
        for start in 0...(bytes.count - pattern.count) where bytes[start..<(start + pattern.count)].elementsEqual(pattern) {
            return start..<(start + pattern.count)
        }
        return 0..<0
    }

    @Test("mask, with keepLast and keepSeparators", arguments: [
        (RedactionOperator.mask(), "4242-4242-4242-4242", "*******************"),
        (.mask(keepLast: 4), "4242-4242-4242-4242", "***************4242"),
        (.mask(keepLast: 4, keepSeparators: true), "4242-4242-4242-4242", "****-****-****-4242"),
        (.mask(character: "#", keepLast: 2, keepSeparators: true), "ab.cd", "##.cd"),
        (.mask(keepLast: 99), "abc", "abc"),
        (.mask(keepLast: -3), "abc", "***"),
        (.mask(keepSeparators: true), "jöhn.dœ@exämple.com", "****.**@*******.***"),
        (.mask(), "👍🏽é", "**"),
        // Kept characters lose invisible scalars and marks: no hidden digits survive (tag
        // characters after the 4, a zero-width joiner, a combining accent).
        (.mask(keepLast: 4), "4\u{E0031}\u{E0031}\u{E0031}1111 1111 1111 1111", "****************1111"),
        (.mask(keepLast: 2, keepSeparators: true), "55\u{200D}5-01\u{301}23", "***-**23"),
        (.mask(keepLast: 1), "x\u{E0041}\u{E0042}", "x"),
        (.mask(keepLast: 3), "N\u{303}andu\u{301}", "**ndu\u{301}"),
    ])
    func mask(op: RedactionOperator, value: String, expected: String) {
        let text = "pay \(value) now"
        let output = Redactor().redact(text, edits: [Self.edit(.creditCard, Self.range(of: value, in: text), op)])
        #expect(output == "pay \(expected) now")
    }

    @Test("replace templates", arguments: [
        (RedactionOperator.replace(), "<EMAIL>"),
        (.replace(template: "[{category}]"), "[pii.email]"),
        (.replace(template: "{TYPE}/{TYPE}"), "EMAIL/EMAIL"),
        (.replace(template: "REDACTED"), "REDACTED"),
        (.remove, ""),
    ])
    func replace(op: RedactionOperator, expected: String) {
        let text = "mail jane@example.com today"
        let output = Redactor().redact(text, edits: [Self.edit(.email, Self.range(of: "jane@example.com", in: text), op)])
        #expect(output == "mail \(expected) today")
    }

    @Test("hash is HMAC-SHA256 (RFC 4231 test case 2), truncated and clamped")
    func hash() {
        // RFC 4231 §4.3: key "Jefe", data "what do ya want for nothing?".
        let expected = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        let value = "what do ya want for nothing?"
        let text = "<<\(value)>>"
        let range = 2..<(2 + value.utf8.count)
        let redactor = Redactor()
        #expect(redactor.redact(text, edits: [Self.edit(.genericSecret, range, .hash(key: "Jefe", length: 64))]) == "<<<GENERIC:\(expected)>>>")
        #expect(redactor.redact(text, edits: [Self.edit(.genericSecret, range, .hash(key: "Jefe"))]) == "<<<GENERIC:\(expected.prefix(16))>>>")
        #expect(redactor.redact(text, edits: [Self.edit(.genericSecret, range, .hash(key: "Jefe", length: 1))]) == "<<<GENERIC:\(expected.prefix(4))>>>")
        #expect(redactor.redact(text, edits: [Self.edit(.genericSecret, range, .hash(key: "Jefe", length: 500))]) == "<<<GENERIC:\(expected)>>>")
        // Another key gives another hash; the same key is stable across conversations.
        let other = redactor.redact(text, edits: [Self.edit(.genericSecret, range, .hash(key: "other"))], conversation: "x")
        #expect(other != "<<<GENERIC:\(expected.prefix(16))>>>")
        #expect(Redactor().redact(text, edits: [Self.edit(.genericSecret, range, .hash(key: "Jefe"))], conversation: "y")
            == "<<<GENERIC:\(expected.prefix(16))>>>")
    }

    @Test("pseudonymize gives stable numbered placeholders and restores")
    func pseudonymize() {
        let text = "ann@x.io wrote to bob@y.io and ann@x.io, call 555-0100"
        let edits = [
            Self.edit(.email, Self.range(of: "ann@x.io", in: text), .pseudonymize),
            Self.edit(.email, Self.range(of: "bob@y.io", in: text), .pseudonymize),
            Self.edit(.email, 31..<39, .pseudonymize),
            Self.edit(.phone, Self.range(of: "555-0100", in: text), .pseudonymize),
        ]
        let redactor = Redactor()
        let output = redactor.redact(text, edits: edits, conversation: "c1")
        #expect(output == "<EMAIL_1> wrote to <EMAIL_2> and <EMAIL_1>, call <PHONE_1>")
        #expect(redactor.vault.restore(output, conversation: "c1") == text)
        #expect(redactor.vault.restore(output, conversation: "other") == output)
    }

    @Test("Overlapping edits merge; the highest score picks the operator")
    func merging() {
        let text = "0123456789abcdef"
        let edits = [
            Self.edit(.phone, 0..<6, .replace(template: "<P>"), score: 0.4),
            Self.edit(.creditCard, 4..<10, .replace(template: "<C>"), score: 0.8),
            Self.edit(.email, 12..<14, .remove),
        ]
        #expect(Redactor().redact(text, edits: edits) == "<C>abef")
        #expect(Redactor.merge(edits, byteCount: 16, bytes: Array(text.utf8)).map(\.finding.range) == [0..<10, 12..<14])
    }

    @Test("Ranges off scalar boundaries or out of bounds are clamped outward")
    func clamping() {
        let text = "aé€😀z"  // a(0) é(1..<3) €(3..<6) 😀(6..<10) z(10)
        #expect(Redactor().redact(text, edits: [Self.edit(.person, 2..<4, .replace(template: "#"))]) == "a#😀z")
        #expect(Redactor().redact(text, edits: [Self.edit(.person, 7..<8, .remove)]) == "aé€z")
        #expect(Redactor().redact(text, edits: [Self.edit(.person, 10..<99, .remove)]) == "aé€😀")
        #expect(Redactor().redact(text, edits: [Self.edit(.person, 50..<60, .remove)]) == text)
        #expect(Redactor().redact(text, edits: []) == text)
    }

    @Test("Non-ASCII text before findings")
    func nonASCIIPrefix() {
        let text = "Grüße aus Köln 🇩🇪 — schreib an jürgen@beispiel.de bitte"
        let value = "jürgen@beispiel.de"
        let output = Redactor().redact(text, edits: [Self.edit(.email, Self.range(of: value, in: text), .replace())])
        #expect(output == "Grüße aus Köln 🇩🇪 — schreib an <EMAIL> bitte")
    }
}
