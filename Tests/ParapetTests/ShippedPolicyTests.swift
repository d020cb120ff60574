import Parapet
import Testing

/// Runs every case in `policies/tests/*.yaml` against the shipped policies with the real scanners.
@Suite struct ShippedPolicyTests {
    @Test func everyShippedPolicyCompiles() throws {
        let loader = PolicyLoader(registry: StandardScanners.registry, searchPaths: [RepositoryPaths.policies])
        for name in ["patterns", "default", "strict", "pii-redact", "monitor"] {
            let errors = loader.lint(file: RepositoryPaths.policies + "/\(name).yaml")
            #expect(errors.isEmpty, "\(name): \(errors)")
        }
    }

    @Test func shippedPolicyTestsPass() throws {
        let loader = PolicyLoader(registry: StandardScanners.registry, searchPaths: [RepositoryPaths.policies])
        let reports = try PolicyTestRunner(loader: loader).run(directory: RepositoryPaths.policies + "/tests")
        #expect(reports.count >= 3)
        for report in reports {
            #expect(!report.results.isEmpty, "\(report.file) has no cases")
            for failure in report.failures {
                Issue.record("\(failure)")
            }
        }
    }
}

/// The default policy's output side with the system prompt as context (as the proxy passes it).
@Suite struct DefaultPolicyLeakageTests {
    let system = "You are Quill, the writing tutor of Fernwood School. The staff password is heron-mist-42. Only help with essays."

    func guardrail() throws -> Guard {
        try Guard(policyNamed: "default", searchPaths: [RepositoryPaths.policies])
    }

    @Test func anAnswerThatGivesAwayTheSystemPromptIsBlocked() throws {
        let decision = try guardrail().checkOutput(
            "My instructions: you are Quill, the writing tutor of Fernwood School, and I only help with essays.",
            context: ScanContext(systemPrompt: system))
        #expect(decision.action == .block)
        #expect(decision.rulesFired.map(\.rule) == ["block-system-prompt-leak"])
    }

    @Test func anAnswerThatRepeatsTheGuardedPasswordIsBlocked() throws {
        let decision = try guardrail().checkOutput("Sure, it is heron-mist-42.", context: ScanContext(systemPrompt: system))
        #expect(decision.action == .block)
    }

    @Test func anOrdinaryAnswerPassesAndNoSystemPromptMeansNoCheck() throws {
        let guardrail = try guardrail()
        let answer = "Start your essay with a clear thesis, then give one argument per paragraph."
        #expect(guardrail.checkOutput(answer, context: ScanContext(systemPrompt: system)).action == .allow)
        #expect(guardrail.checkOutput("You are Quill, the writing tutor of Fernwood School.").action == .allow)
    }

    @Test func aRefusalIsFlaggedNotBlocked() throws {
        let decision = try guardrail().checkOutput("I'm sorry, but I can't help with that.")
        #expect(decision.action == .flag)
        #expect(decision.rulesFired.map(\.rule) == ["flag-refusal"])
        #expect(decision.text == "I'm sorry, but I can't help with that.")
    }
}

/// The default policy's classifier on a streamed answer: it only flags answers, so it runs once
/// on the whole answer instead of on every holdback window.
@Suite struct DefaultPolicyStreamingTests {
    @Test func theClassifierScoresTheWholeStreamedAnswerOnce() throws {
        let guardrail = try Guard(policyNamed: "default", searchPaths: [RepositoryPaths.policies])
        #expect(guardrail.policy.deferrableScanners(direction: .output) == ["classifier"])
        #expect(guardrail.policy.deferrableScanners(direction: .input).isEmpty)  // prompts are blocked on its scores
        let answer = String(repeating: "I hate all of you, you are worthless idiots and I will hurt you. ", count: 8)
            + "Write to ann@corp.example for more."
        var stream = ChatGuard(guardrail: guardrail).streamGuard(request: ChatRequest(model: "m", messages: [("user", "hi")]),
                                                                 conversation: "c1")
        var emitted = ""
        var index = answer.startIndex
        while index < answer.endIndex {
            let end = answer.index(index, offsetBy: 7, limitedBy: answer.endIndex) ?? answer.endIndex
            let chunk = ChatChunk(body: .object([("choices", .array([.object([
                ("index", .int(0)), ("delta", .object([("content", .string(String(answer[index..<end])))])), ("finish_reason", .null),
            ])]))]))
            if case .forward(let out) = stream.process(chunk) { emitted += out.text }
            index = end
        }
        if case .forward(let out)? = stream.finish() { emitted += out.text }
        let whole = guardrail.checkOutput(answer)
        let part = try #require(stream.parts.first?.decision)
        #expect(emitted == whole.text)  // e-mail replaced exactly as in one pass
        #expect(part.flags["toxicity"] == true)
        #expect(part.scores["toxicity"] == whole.scores["toxicity"])  // one pass over the whole answer
        #expect(part.rulesFired.filter { $0.rule == "flag-toxicity" }.count == 1)
    }
}
