import ParapetCore
import ParapetPolicy
import Testing

/// Which scanners a stream may run once on the whole answer, and evaluating with a subset.
@Suite("Deferrable scanners and scanner selection")
struct DeferralTests {
    static func policy(rules: String, mode: String = "enforce") throws -> CompiledPolicy {
        try Support.policy("""
            version: 1
            name: deferral
            mode: \(mode)
            scanners:
              - { id: cls, type: classifier, params: { bundle: stand-in } }
              - { id: pii, type: fake, params: { findings: [{ text: "ann@corp.example", category: pii.email, score: 0.9 }] } }
            rules:
            \(rules)
            """)
    }

    @Test("a score-only scanner whose answer-side rules only flag is deferrable; one that can block is not")
    func deferrable() throws {
        let flagging = try Self.policy(rules: """
              - { id: flag-toxic, when: { score: toxicity, threshold: default }, then: { action: flag } }
              - { id: block-injection, when: { score: injection, threshold: default, direction: input }, then: { action: block } }
              - { id: redact, when: { category: pii.email }, then: { action: rewrite, operator: replace } }
            """)
        #expect(flagging.deferrableScanners(direction: .output) == ["cls"])
        #expect(flagging.deferrableScanners(direction: .input).isEmpty)  // it blocks prompts

        let blocking = try Self.policy(rules: """
              - { id: block-toxic, when: { score: toxicity, threshold: default, direction: output }, then: { action: block } }
            """)
        #expect(blocking.deferrableScanners(direction: .output).isEmpty)
        #expect(blocking.deferrableScanners(direction: .input) == ["cls"])

        let monitor = try Self.policy(rules: """
              - { id: block-toxic, when: { score: toxicity, threshold: default }, then: { action: block } }
            """, mode: "monitor")
        #expect(monitor.deferrableScanners(direction: .output) == ["cls"])
    }

    @Test("evaluating with a selection runs only the chosen scanners")
    func selection() throws {
        let policy = try Self.policy(rules: """
              - { id: redact, when: { category: pii.email }, then: { action: rewrite, operator: replace } }
            """)
        let input = ScanInput(text: "mail ann@corp.example", direction: .output)
        #expect(policy.evaluate(input, redactor: Redactor(), scanners: .all).action == .rewrite)
        #expect(policy.evaluate(input, redactor: Redactor(), scanners: .excluding(["pii"])).action == .allow)
        #expect(policy.evaluate(input, redactor: Redactor(), scanners: .only(["pii"])).action == .rewrite)
        #expect(policy.evaluate(input, redactor: Redactor(), scanners: .only(["cls"])).findings.isEmpty)
        #expect(ScannerSelection.excluding(["a"]).includes("b") && !ScannerSelection.only(["a"]).includes("b"))
    }
}
