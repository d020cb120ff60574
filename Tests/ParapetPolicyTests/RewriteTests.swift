import ParapetCore
import ParapetPolicy
import Testing

@Suite("Rewrite operators")
struct RewriteTests {
    func rewrite(_ then: String, _ text: String, environment: [String: String] = [:]) throws -> Decision {
        let policy = try Support.policy("""
            version: 1
            name: ops
            scanners:
              - id: fake
                type: fake
                params:
                  findings:
                    - { text: "4111 1111 1111 1111", category: pii.credit_card, score: 0.99 }
                    - { text: "a@b.example", category: pii.email, score: 0.9 }
            rules:
              - id: r
                when: { category: "pii.*" }
                then: \(then)
            """, environment: environment)
        return Support.decide(policy, text)
    }

    @Test func mask() throws {
        let text = "card 4111 1111 1111 1111."
        #expect(try rewrite("{ action: rewrite, operator: mask }", text).text == "card *******************.")
        #expect(try rewrite(##"{ action: rewrite, operator: mask, options: { char: "#", keep_last: 4, keep_separators: true } }"##, text).text
            == "card #### #### #### 1111.")
    }

    @Test func replace() throws {
        #expect(try rewrite("{ action: rewrite, operator: replace }", "to a@b.example").text == "to <EMAIL>")
        #expect(try rewrite(##"{ action: rewrite, operator: replace, options: { template: "[{category}]" } }"##, "to a@b.example").text
            == "to [pii.email]")
    }

    @Test func hashIsKeyedAndStable() throws {
        let then = "{ action: rewrite, operator: hash, options: { key_env: K, length: 12 } }"
        let one = try #require(try rewrite(then, "to a@b.example", environment: ["K": "key-one"]).text)
        let again = try #require(try rewrite(then, "to a@b.example", environment: ["K": "key-one"]).text)
        let other = try #require(try rewrite(then, "to a@b.example", environment: ["K": "key-two"]).text)
        #expect(one == again)
        #expect(one != other)
        #expect(one.hasPrefix("to <EMAIL:") && one.hasSuffix(">") && one.count == "to <EMAIL:>".count + 12)
    }

    @Test func pseudonymizeIsReversibleThroughTheVault() throws {
        let policy = try Support.policy("""
            version: 1
            name: p
            scanners:
              - id: fake
                type: fake
                params: { findings: [{ text: "a@b.example", category: pii.email }, { text: "c@d.example", category: pii.email }] }
            rules:
              - id: r
                when: { category: pii.email }
                then: { action: rewrite, operator: pseudonymize }
            """)
        let redactor = Redactor()
        let input = ScanInput(text: "a@b.example, c@d.example, a@b.example", conversationID: "conv-1")
        let decision = policy.evaluate(input, redactor: redactor)
        #expect(decision.text == "<EMAIL_1>, <EMAIL_2>, <EMAIL_1>")
        #expect(redactor.vault.restore("Reply to <EMAIL_2>", conversation: "conv-1") == "Reply to c@d.example")
    }

    @Test func remove() throws {
        #expect(try rewrite("{ action: rewrite, operator: remove }", "to a@b.example!").text == "to !")
    }

    @Test func firingRewritesApplyTogetherAndTheFirstMatchingRuleChoosesTheOperator() throws {
        let policy = try Support.policy("""
            version: 1
            name: p
            scanners:
              - id: fake
                type: fake
                params:
                  findings:
                    - { text: "4111 1111 1111 1111", category: pii.credit_card, score: 0.99 }
                    - { text: "a@b.example", category: pii.email, score: 0.9 }
            rules:
              - id: cards
                when: { category: pii.credit_card }
                then: { action: rewrite, operator: mask, options: { keep_last: 4, keep_separators: true } }
              - id: all-pii
                when: { category: "pii.*" }
                then: { action: rewrite, operator: replace }
            """)
        let decision = Support.decide(policy, "a@b.example paid 4111 1111 1111 1111")
        #expect(decision.text == "<EMAIL> paid **** **** **** 1111")
        #expect(decision.rulesFired.map(\.rule) == ["cards", "all-pii"])
        #expect(decision.rulesFired[1].findingIndices == [0, 1])
    }

    @Test func blockWinsOverRewriteAndNothingIsRewritten() throws {
        let policy = try Support.policy("""
            version: 1
            name: p
            scanners:
              - id: fake
                type: fake
                params: { findings: [{ text: "a@b.example", category: pii.email }, { text: "KEY", category: secret.generic }] }
            rules:
              - id: redact
                when: { category: pii.email }
                then: { action: rewrite }
              - id: block
                when: { category: secret.generic }
                then: { action: block }
            """)
        let decision = Support.decide(policy, "a@b.example KEY")
        #expect(decision.action == .block && decision.text == nil)
        #expect(decision.rulesFired.map(\.action) == [.rewrite, .block])
    }
}
