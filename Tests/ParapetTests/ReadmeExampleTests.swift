import Parapet
import Testing

/// The README's Swift example, compiled and run. Keep the two in step.
@Suite struct ReadmeExampleTests {
    /// A stand-in for the user's model: it answers by quoting the prompt it received.
    struct EchoModel {
        func complete(_ prompt: String) async throws -> String { "Done: I will handle \"\(prompt)\"." }
    }

    @Test func readmeExample() async throws {
        let myModel = EchoModel()
        // --- README example starts ---
        let guardrail = try Guard(policyNamed: "default", searchPaths: [RepositoryPaths.policies])

        // Check a prompt before it goes to the model.
        let decision = guardrail.checkInput("Mail the report to jane.doe@example.com", conversation: "c-42")
        print(decision.action)        // rewrite
        print(decision.text ?? "")    // Mail the report to <EMAIL_1>

        // Or wrap the call: the prompt is checked and rewritten before it, the answer after it,
        // and pseudonyms are restored in the answer.
        let reply = try await guardrail.call(prompt: "Mail the report to jane.doe@example.com", conversation: "c-42") { prompt in
            try await myModel.complete(prompt)  // sees <EMAIL_1>, never the address
        }
        print(reply.answer ?? reply.blockMessage ?? "")
        // --- README example ends ---

        #expect(decision.action == .rewrite)
        #expect(decision.text == "Mail the report to <EMAIL_1>")
        #expect(reply.inputDecision.text == "Mail the report to <EMAIL_1>")
        #expect(reply.answer == "Done: I will handle \"Mail the report to jane.doe@example.com\".")
        #expect(!reply.isBlocked)
    }
}
