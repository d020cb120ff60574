import ParapetCore
import ParapetPolicy
import ParapetTestSupport
import Testing

@Suite("Properties")
struct PropertyTests {
    static let filler = ["x", "y", " ", "é", "ß", "👋🏽", "中", "\u{200B}", "\u{00AD}", "ａ", "!", "\n"]
    /// `a@b.example` written plainly or with obfuscation the normalizer undoes.
    static let needles = ["a@b.example", "a\u{200B}@b.example", "ａ@b.example", "a@b.\u{200D}example", "a@b\u{00AD}.example"]

    /// Over random texts with plain and obfuscated emails: every finding lies on scalar boundaries of
    /// the original, covers an obfuscated email, and the rewrite changes nothing outside findings.
    @Test func normalizedFindingsMapBackAndRewritesStayInside() throws {
        let policy = try fakePolicy(rules: """
              - id: r
                when: { category: pii.email }
                then: { action: rewrite, operator: replace }
            """, settings: "overlap: keep_all")
        var rng = SeededGenerator(seed: 0x5EED_0F_9A4A_9E7)
        for _ in 0..<300 {
            var text = ""
            var planted = 0
            for _ in 0..<Int.random(in: 0...8, using: &rng) {
                if Int.random(in: 0..<3, using: &rng) == 0 {
                    text += " " + (Self.needles.randomElement(using: &rng) ?? "") + " "
                    planted += 1
                } else {
                    text += Self.filler.randomElement(using: &rng) ?? ""
                }
            }
            let decision = Support.decide(policy, text)
            #expect(decision.findings.count == planted, "\(text.debugDescription)")
            let utf8 = Array(text.utf8)
            var expected: [UInt8] = []
            var cursor = 0
            for finding in decision.findings {
                let range = finding.range
                #expect(range.lowerBound >= cursor && range.upperBound <= utf8.count)
                #expect(range.lowerBound == utf8.count || utf8[range.lowerBound] & 0xC0 != 0x80)
                #expect(range.upperBound == utf8.count || utf8[range.upperBound] & 0xC0 != 0x80)
                let covered = String(finding.text(in: text))
                #expect(Normalizer().normalize(covered).text == "a@b.example", "\(covered.debugDescription)")
                expected += utf8[cursor..<range.lowerBound] + Array("<EMAIL>".utf8)
                cursor = range.upperBound
            }
            expected += utf8[cursor...]
            #expect(decision.text == String(decoding: expected, as: UTF8.self))
        }
    }
}
