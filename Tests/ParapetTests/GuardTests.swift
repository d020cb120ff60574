import Parapet
import Testing

@Suite struct GuardTests {
    let guardrail: Guard

    init() throws {
        guardrail = try Guard(policyNamed: "patterns", searchPaths: [RepositoryPaths.policies])
    }

    @Test func secretsInPromptsAreBlockedAndTheModelIsNotCalled() async throws {
        let key = "AKIA" + "QYLPMN5HFIGWZ7TX"  // fake, assembled so it is obviously not real
        let called = CallCounter()
        let reply = try await guardrail.call(prompt: "use key \(key)", conversation: "g1") { prompt in
            await called.increment()
            return prompt
        }
        #expect(reply.isBlocked)
        #expect(reply.answer == nil)
        #expect(reply.outputDecision == nil)
        #expect(await called.count == 0)
        #expect(reply.inputDecision.findings.contains { $0.category == .awsAccessKeyID })
    }

    @Test func pseudonymsAreStablePerConversationAndRestored() async throws {
        let first = guardrail.checkInput("write to a@example.com and b@example.com, then a@example.com", conversation: "g2")
        #expect(first.text == "write to <EMAIL_1> and <EMAIL_2>, then <EMAIL_1>")
        let restored = guardrail.restore("sent to <EMAIL_2> and <EMAIL_1>", conversation: "g2")
        #expect(restored == "sent to b@example.com and a@example.com")
        // Another conversation knows nothing of these pseudonyms.
        #expect(guardrail.restore("<EMAIL_1>", conversation: "other") == "<EMAIL_1>")
    }

    @Test func secretsInAnswersAreRedacted() {
        // Fake: 30 made-up characters plus their CRC32 suffix, so it is shaped like a live token.
        let token = "ghp_" + "Zb3VhN2LqT8rK4mW1sP9dY6cF0gH5j" + "2OeT3d"
        let decision = guardrail.checkOutput("Your token is \(token)", conversation: "g3")
        #expect(decision.action != .allow)
        #expect(!(decision.text ?? "").contains(token))
    }

    @Test func benignTextIsAllowedUnchanged() {
        let text = "Write a haiku about autumn leaves."
        let decision = guardrail.checkInput(text)
        #expect(decision.action == .allow)
        #expect(decision.text == text)
        #expect(decision.findings.isEmpty)
        #expect(!decision.policyDigest.isEmpty)
    }
}

/// Counts calls from async closures.
actor CallCounter {
    private(set) var count = 0
    func increment() { count += 1 }
}

@Suite struct BatchScannerTests {
    @Test func resultsKeepInputOrderAndTheVaultDoesNotGrow() throws {
        let guardrail = try Guard(policyNamed: "patterns", searchPaths: [RepositoryPaths.policies])
        let records = (1...50).map { ScanRecord(id: .number($0), text: "mail user\($0)@example.com", line: $0) }
        let results = BatchScanner(guardrail: guardrail, direction: .input, threads: 2).scan(records)
        #expect(results.map(\.record.line) == Array(1...50))
        #expect(results.allSatisfy { $0.decision.text == "mail <EMAIL_1>" })
        #expect(guardrail.vault.conversationCount == 0)
    }
}
