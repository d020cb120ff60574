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
