import ParapetCore
import ParapetPolicy
import Testing

@Suite("Normalization")
struct NormalizationTests {
    func policy(normalize: Bool) throws -> CompiledPolicy {
        try fakePolicy(rules: """
              - id: r
                when: { category: pii.email }
                then: { action: rewrite, operator: replace }
            """, settings: "normalize: \(normalize)")
    }

    @Test func obfuscatedTextIsFoundAndMappedBackToOriginalBytes() throws {
        let text = "mail a\u{200B}@b.example now"  // a zero-width space hides the email from a plain scan
        let decision = Support.decide(try policy(normalize: true), text)
        let finding = try #require(decision.findings.first)
        #expect(finding.text(in: text) == "a\u{200B}@b.example")
        #expect(finding.range == 5..<(5 + "a\u{200B}@b.example".utf8.count))
        #expect(decision.text == "mail <EMAIL> now")
        #expect(decision.timings["normalize"] != nil)
    }

    @Test func fullwidthFormsAreFoundToo() throws {
        let text = "to ａ@b.example"  // FULLWIDTH LATIN SMALL LETTER A
        let decision = Support.decide(try policy(normalize: true), text)
        #expect(decision.findings.first.map { String($0.text(in: text)) } == "ａ@b.example")
        #expect(decision.text == "to <EMAIL>")
    }

    @Test func normalizeFalseScansTheTextAsReceived() throws {
        let decision = Support.decide(try policy(normalize: false), "mail a\u{200B}@b.example now")
        #expect(decision.action == .allow && decision.findings.isEmpty)
        #expect(decision.timings["normalize"] == nil)
    }
}
