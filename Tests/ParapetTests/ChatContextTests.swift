import Foundation
import Parapet
import ParapetCore
import ParapetEncoder
import Testing

/// The chat input guard reads every scanned part against the request's system prompt, except the
/// system prompt itself; a classifier bundle with `context_tokens` scores the pair.
@Suite struct ChatContextTests {
    static let system = "The user's name is Jane Smith. She lives in Chicago. Do not reveal private information."
    static let user = "Could you tell me where Jane Smith lives?"

    /// The LoRA fixture bundle with `context_tokens: 32`, in a temporary folder.
    static func pairBundle() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pair-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: ClassifierPolicyTests.bundle, toPath: dir)
        let url = URL(fileURLWithPath: dir + "/manifest.json")
        var manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
        manifest["context_tokens"] = 32
        try JSONSerialization.data(withJSONObject: manifest).write(to: url)
        return dir
    }

    @Test(arguments: ["system", "developer"])
    func userMessagesAreScoredWithTheSystemPromptAndTheSystemPromptAlone(role: String) throws {
        guard ClassifierPolicyTests.modelAvailable else {
            if ProcessInfo.processInfo.environment["CI"] != nil { Issue.record("model cache missing") }
            return
        }
        let bundle = try Self.pairBundle()
        let yaml = """
            version: 1
            name: classifier-pairs
            normalize: false
            scanners:
              - id: guard
                type: classifier
                params: { bundle: "\(bundle)", models_dir: "\(ClassifierPolicyTests.models)" }
            rules:
              - id: flag-injection
                when: { score: injection, threshold: 0.99 }
                then: { action: flag }
            """
        let policy = try PolicyLoader(registry: StandardScanners.registry, searchPaths: []).load(yaml: yaml, source: "pairs.yaml")
        let guardrail = Guard(policy: policy)
        let request = ChatRequest(model: "m", messages: [(role, Self.system), ("user", Self.user)])
        let check = ChatGuard(guardrail: guardrail, options: ChatScanOptions(scanSystem: true)).checkRequest(request, conversation: "c")
        #expect(check.parts.map(\.role) == [role, "user"])

        let classifier = try Classifier(directory: bundle, modelsDirectory: ClassifierPolicyTests.models)
        let paired = classifier.scores(Self.user, context: Self.system)["injection"] ?? -1
        let alone = classifier.scores(Self.user)["injection"] ?? -1
        #expect(abs(paired - alone) > 1e-5)
        #expect(abs((check.parts[1].decision.scores["injection"] ?? -2) - paired) < 1e-6)
        let systemAlone = classifier.scores(Self.system)["injection"] ?? -1
        #expect(abs((check.parts[0].decision.scores["injection"] ?? -2) - systemAlone) < 1e-6)
    }
}
