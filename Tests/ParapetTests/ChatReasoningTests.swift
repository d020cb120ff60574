import Foundation
import Parapet
import ParapetCore
import Testing

/// Reasoning text that servers return beside the content (`reasoning_content`: llama.cpp, vLLM,
/// DeepSeek; `reasoning`: others) is model output like the content: the output guard scans it,
/// whole and streamed.
@Suite struct ChatReasoningTests {
    static let key = "ghp_" + "N8dqtDOrY4ReXh2gS9wXbZ0QgVgnLT2F1kPa"  // fake, documentation-style

    static func chat() throws -> ChatGuard {
        ChatGuard(guardrail: try Guard(policyNamed: "patterns", searchPaths: [RepositoryPaths.policies]))
    }

    @Test(arguments: ["reasoning_content", "reasoning"])
    func reasoningInAnAnswerIsRedacted(field: String) throws {
        let json = #"{"choices":[{"index":0,"message":{"role":"assistant","content":"Done.","\#(field)":"Use the token \#(Self.key) or mail ann@corp.example."},"finish_reason":"stop"}]}"#
        let check = try Self.chat().checkResponse(try ChatResponse(json: Array(json.utf8)), request: ChatRequest(model: "m", messages: [("user", "hi")]), conversation: "c")
        let reasoning = check.response.body["choices"]?.arrayValue?.first?["message"]?[field]?.stringValue ?? ""
        #expect(!reasoning.contains(Self.key) && !reasoning.contains("ann@corp.example"), "\(reasoning)")
        #expect(reasoning.contains("<GITHUB_TOKEN>") && reasoning.contains("<EMAIL>"), "\(reasoning)")
        #expect(check.parts.map(\.location).contains("choices[0].message.\(field)"))
    }

    @Test(arguments: ["reasoning_content", "reasoning"])
    func streamedReasoningIsRedactedAcrossChunks(field: String) throws {
        let chat = try Self.chat()
        var stream = chat.streamGuard(request: ChatRequest(model: "m", messages: [("user", "hi")]), conversation: "c")
        let thought = "Let me think. The address is ann@corp.example and the token is \(Self.key), fine."
        var emitted = ""
        var index = thought.startIndex
        while index < thought.endIndex {
            let end = thought.index(index, offsetBy: 5, limitedBy: thought.endIndex) ?? thought.endIndex
            let chunk = ChatChunk(body: .object([("choices", .array([.object([
                ("index", .int(0)), ("delta", .object([(field, .string(String(thought[index..<end])))])), ("finish_reason", .null),
            ])]))]))
            if case .forward(let out) = stream.process(chunk) {
                emitted += out.body["choices"]?.arrayValue?.first?["delta"]?[field]?.stringValue ?? ""
            }
            index = end
        }
        if case .forward(let out)? = stream.finish() {
            emitted += out.body["choices"]?.arrayValue?.first?["delta"]?[field]?.stringValue ?? ""
        }
        #expect(!emitted.contains("ann@corp.example") && !emitted.contains(Self.key), "\(emitted)")
        #expect(emitted.hasPrefix("Let me think.") && emitted.hasSuffix(", fine."), "\(emitted)")
        #expect(stream.parts.map(\.location) == ["choices[0].delta.\(field)"])
    }

    @Test func logprobsOfARewrittenChoiceAreDropped() throws {
        let json = #"{"choices":[{"index":0,"message":{"role":"assistant","content":"Mail ann@corp.example."},"logprobs":{"content":[{"token":"ann@corp.example","logprob":-0.1}]},"finish_reason":"stop"},{"index":1,"message":{"role":"assistant","content":"Hello."},"logprobs":{"content":[{"token":"Hello","logprob":-0.1}]},"finish_reason":"stop"}]}"#
        let check = try Self.chat().checkResponse(try ChatResponse(json: Array(json.utf8)), request: ChatRequest(model: "m", messages: [("user", "hi")]), conversation: "c")
        let choices = check.response.body["choices"]?.arrayValue ?? []
        #expect(choices.first?["logprobs"]?.isNull == true)
        #expect(choices.last?["logprobs"]?["content"]?.arrayValue?.count == 1)  // untouched choice keeps them
        #expect(!check.response.body.serialized.contains("ann@corp.example"))
    }
}
