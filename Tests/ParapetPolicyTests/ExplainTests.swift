import ParapetCore
import ParapetPolicy
import Testing

@Suite("Explain")
struct ExplainTests {
    @Test func everyRuleSaysWhetherAndWhyItFired() throws {
        let policy = try fakePolicy(rules: """
              - id: block-secrets
                when: { category: "secret.*", min_score: 0.5 }
                then: { action: block }
              - id: redact-pii
                when: { category: "pii.*" }
                then: { action: rewrite, operator: replace }
              - id: many-emails
                when: { category: pii.email, min_count: 3, scanner: fake }
                then: { action: flag }
              - id: outbound-only
                when: { category: "pii.*", direction: output }
                then: { action: flag }
              - id: injection
                when: { score: injection, threshold: 0.8 }
                then: { action: block }
              - id: toxicity
                when: { score: toxicity, threshold: 0.5 }
                then: { action: flag }
            """)
        let explanation = policy.explain(ScanInput(text: "a@b.example and low@b.example"), redactor: Redactor())
        let reasons = Dictionary(uniqueKeysWithValues: explanation.rules.map { ($0.rule, $0.reason) })
        let fired = Dictionary(uniqueKeysWithValues: explanation.rules.map { ($0.rule, $0.fired) })
        #expect(explanation.rules.map(\.rule) == ["block-secrets", "redact-pii", "many-emails", "outbound-only", "injection", "toxicity"])
        #expect(reasons["block-secrets"] == "no finding of secret.* ≥ 0.5")
        #expect(reasons["redact-pii"] == "2 findings of pii.* (need 1)")
        #expect(reasons["many-emails"] == "2 findings of pii.email from scanner fake (need 3)")
        #expect(reasons["outbound-only"] == "applies to output only; this text is input")
        #expect(reasons["injection"] == "injection score 0.05 < 0.8")
        #expect(reasons["toxicity"] == "no toxicity score (no scanner reported one)")
        #expect(fired == ["block-secrets": false, "redact-pii": true, "many-emails": false, "outbound-only": false,
                          "injection": false, "toxicity": false])
        #expect(explanation.rules[2].findingIndices == [0, 1])  // matched, but too few
        #expect(explanation.decision.action == .rewrite)
        #expect(explanation.decision.text == "<EMAIL> and <EMAIL>")
    }

    @Test func explainMatchesEvaluate() throws {
        let policy = try fakePolicy(rules: """
              - id: r
                when: { category: "pii.*" }
                then: { action: flag }
            """)
        let input = ScanInput(text: "www.b.example")
        var explained = policy.explain(input, redactor: Redactor()).decision
        var evaluated = policy.evaluate(input, redactor: Redactor())
        explained.timings = [:]
        evaluated.timings = [:]
        #expect(explained == evaluated)
    }

    @Test func descriptionIsOneLinePerRule() throws {
        let policy = try fakePolicy(rules: """
              - id: r
                when: { category: "secret.*" }
                then: { action: block }
            """, settings: "mode: monitor")
        let text = policy.explain(ScanInput(text: "AKIA-FAKE-KEY"), redactor: Redactor()).description
        let lines = text.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("policy t (") && lines[0].hasSuffix("): flag (would be block)"))
        #expect(lines[1] == "  fired   r [block]: 1 finding of secret.* (need 1)")
    }
}
