public import ParapetCore

extension ChatGuard {
    /// Checks every choice of an answer (content, reasoning text, and tool-call arguments when configured) and
    /// restores the request's pseudonyms. A blocked choice keeps its place with the block
    /// message as content, no tool calls, and `finish_reason: "content_filter"`.
    public func checkResponse(_ response: ChatResponse, request: ChatRequest, conversation: String) -> ChatOutputCheck {
        var body = response.body
        var parts: [ScannedPart] = []
        let context = ScanContext(systemPrompt: request.systemPrompt, prompt: request.lastUserText)
        body.updateArray("choices") { choice, index in
            var choiceParts: [ScannedPart] = []
            let restore = { (text: String) in guardrail.restore(text, conversation: conversation) }
            /// The policy's text (placeholders not restored), nil when blocked.
            func check(_ text: String, location: String) -> String? {
                let decision = guardrail.checkOutput(text, conversation: conversation, context: context)
                if ToolArgumentsScan.isRecorded(decision, at: location) {
                    choiceParts.append(ScannedPart(location: location, role: "assistant", direction: .output, decision: decision))
                }
                return decision.text
            }
            func scan(_ text: String, location: String) -> String? { check(text, location: location).map(restore) }
            guard var message = choice["message"] else { return }
            let base = "choices[\(index)].message"
            Self.rewriteContent(of: &message, location: "\(base).content") { scan($0, location: $1) }
            // The reasoning text some servers return beside the content (llama.cpp, vLLM, DeepSeek).
            for field in Self.answerTextFields where field != "content" {
                if let text = message[field]?.stringValue {
                    message[field] = .string(scan(text, location: "\(base).\(field)") ?? "")
                }
            }
            if options.scanToolArguments {
                // Read as the client decodes them: each string of the JSON on its own.
                Self.rewriteToolArguments(of: &message, location: base) { arguments, location in
                    ToolArgumentsScan.scan(arguments, location: location, restore: restore) { check($0, location: $1) }
                }
            } else {
                // Not scanned, but the client still gets its values back: a placeholder it
                // resent in the history would otherwise count as typed and be retired.
                Self.rewriteToolArguments(of: &message, location: base) { arguments, _ in
                    ToolArgumentsScan.restore(arguments, with: restore)
                }
            }
            if let block = choiceParts.first(where: { $0.decision.action == .block })?.decision {
                message["content"] = .string(block.message ?? "")
                for field in Self.answerTextFields where field != "content" { message[field] = nil }
                message["tool_calls"] = nil
                message["function_call"] = nil
                choice["finish_reason"] = .string("content_filter")
            }
            choice["message"] = message
            // The tokens in `logprobs` spell out the text as the model wrote it: once the guard has
            // rewritten or blocked this choice they would give back what it took out.
            if choiceParts.contains(where: { $0.decision.action == .rewrite || $0.decision.action == .block }),
                let logprobs = choice["logprobs"], !logprobs.isNull
            {
                choice["logprobs"] = .null
            }
            parts.append(contentsOf: choiceParts)
        }
        return ChatOutputCheck(response: ChatResponse(body: body), parts: parts)
    }

    /// The text fields of an answer's message (or a streamed delta) that the output guard
    /// scans: the content, OpenAI's `refusal` text, and the reasoning text of models that
    /// return it separately.
    public static let answerTextFields = ["content", "refusal", "reasoning_content", "reasoning"]

    /// Starts guarding one streamed answer to `request`.
    public func streamGuard(request: ChatRequest, conversation: String) -> ChatStreamGuard {
        ChatStreamGuard(chat: self, context: ScanContext(systemPrompt: request.systemPrompt, prompt: request.lastUserText), conversation: conversation)
    }
}

/// The outcome of checking an answer.
public struct ChatOutputCheck: Sendable, Hashable {
    /// The answer to hand back: rewritten, pseudonyms restored, blocked choices replaced.
    public var response: ChatResponse
    /// Every scanned part, in body order.
    public var parts: [ScannedPart]

    /// The first blocking decision, if any.
    public var blocked: Decision? { parts.first { $0.decision.action == .block }?.decision }

    /// The strongest action over all parts.
    public var action: Action { parts.map(\.decision.action).max() ?? .allow }
}
