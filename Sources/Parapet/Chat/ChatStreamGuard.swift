public import ParapetCore

/// Guards one streamed answer chunk by chunk: a ``StreamGuard`` per choice for each text field
/// (the content, and the reasoning text of models that stream it as `reasoning_content` or
/// `reasoning`) and one per tool call for its arguments, pseudonyms restored in what is emitted.
///
/// Every other field of a chunk passes through unchanged. Held-back text is emitted in the chunk
/// that carries the choice's `finish_reason`, or by ``finish()`` when the stream ends without one.
public struct ChatStreamGuard: Sendable {
    /// What one chunk turned into.
    public enum Step: Sendable, Hashable {
        /// Send these chunks (the input chunk rewritten).
        case forward(ChatChunk)
        /// The policy blocked: send this final chunk (`finish_reason: "content_filter"`), then end.
        case blocked(ChatChunk, Decision)
    }

    private struct Key: Hashable {
        var choice: Int
        var tool: Int?  // nil: the text field `field`
        var field = "content"
    }

    let chat: ChatGuard
    let context: ScanContext
    /// The conversation whose pseudonyms are restored.
    public let conversation: String
    private var guards: [Key: StreamGuard] = [:]
    private var order: [Key] = []
    private var template: JSONValue = .object([])
    /// Whether the stream was blocked.
    public private(set) var isBlocked = false

    /// Score-only scanners that only flag on answers: run once on each whole answer, not per window.
    private let deferred: Set<String>

    init(chat: ChatGuard, context: ScanContext, conversation: String) {
        self.chat = chat
        self.context = context
        self.conversation = conversation
        deferred = chat.guardrail.policy.deferrableScanners(direction: .output)
    }

    /// One decision per guarded stream (content or tool arguments), for the record.
    public var parts: [ScannedPart] {
        order.compactMap { key in
            guard let summary = guards[key]?.summary else { return nil }
            let location = key.tool.map { "choices[\(key.choice)].delta.tool_calls[\($0)].function.arguments" }
                ?? "choices[\(key.choice)].delta.\(key.field)"
            return ScannedPart(location: location, role: "assistant", direction: .output, decision: summary)
        }
    }

    /// Guards one chunk.
    public mutating func process(_ chunk: ChatChunk) -> Step {
        guard !isBlocked else { return .forward(ChatChunk(body: .object([]))) }
        var body = chunk.body
        rememberTemplate(body)
        var blocked: (Int, Decision)?
        body.updateArray("choices") { choice, position in
            guard blocked == nil else { return }
            let index = choice["index"]?.intValue ?? position
            let finishing = !(choice["finish_reason"]?.isNull ?? true)
            for field in ChatGuard.answerTextFields {
                let key = Key(choice: index, tool: nil, field: field)
                if case .string(let text) = choice["delta"]?[field] {
                    let out = feed(key, text, finishing: finishing)
                    if let decision = out.blocked { blocked = (index, decision); return }
                    choice["delta"]?[field] = .string(out.text)
                } else if finishing, let rest = flush(key) {
                    if let decision = rest.blocked { blocked = (index, decision); return }
                    if !rest.text.isEmpty { choice["delta"]?[field] = .string(rest.text) }
                }
            }
            guard chat.options.scanToolArguments else { return }
            var seen: Set<Int> = []
            choice["delta"]?.updateArray("tool_calls") { call, position in
                guard blocked == nil, let arguments = call["function"]?["arguments"]?.stringValue else { return }
                let tool = call["index"]?.intValue ?? position
                seen.insert(tool)
                let out = feed(Key(choice: index, tool: tool), arguments, finishing: finishing)
                if let decision = out.blocked { blocked = (index, decision); return }
                call["function"]?["arguments"] = .string(out.text)
            }
            if finishing {
                for key in order where key.choice == index && key.tool != nil && !seen.contains(key.tool ?? -1) {
                    guard let rest = flush(key) else { continue }
                    if let decision = rest.blocked { blocked = (index, decision); return }
                    Self.appendToolArguments(rest.text, tool: key.tool ?? 0, to: &choice)
                }
            }
        }
        if let blocked { return .blocked(finalChunk(choice: blocked.0, decision: blocked.1), blocked.1) }
        return .forward(ChatChunk(body: body))
    }

    /// Ends the stream: a chunk with everything still held back, or `nil` when nothing was.
    public mutating func finish() -> Step? {
        guard !isBlocked else { return nil }
        var choices: [Int: JSONValue] = [:]
        for key in order {
            guard let rest = flush(key) else { continue }
            if let decision = rest.blocked { return .blocked(finalChunk(choice: key.choice, decision: decision), decision) }
            guard !rest.text.isEmpty else { continue }
            var choice = choices[key.choice] ?? .object([("index", .int(key.choice)), ("delta", .object([])), ("finish_reason", .null)])
            if let tool = key.tool {
                Self.appendToolArguments(rest.text, tool: tool, to: &choice)
            } else {
                choice["delta"]?[key.field] = .string(rest.text)
            }
            choices[key.choice] = choice
        }
        guard !choices.isEmpty else { return nil }
        var body = template
        body["choices"] = .array(choices.keys.sorted().compactMap { choices[$0] })
        return .forward(ChatChunk(body: body))
    }

    private mutating func feed(_ key: Key, _ text: String, finishing: Bool) -> StreamGuard.Output {
        if guards[key] == nil {
            guards[key] = makeStreamGuard()
            order.append(key)
        }
        var out = guards[key]?.append(text) ?? StreamGuard.Output(text: "")
        if out.blocked == nil, finishing {
            let rest = guards[key]?.finish() ?? StreamGuard.Output(text: "")
            out = StreamGuard.Output(text: out.text + rest.text, blocked: rest.blocked)
        }
        if out.blocked != nil { isBlocked = true }
        out.text = chat.guardrail.restore(out.text, conversation: conversation)
        return out
    }

    /// A stream guard for one answer part: the output policy per holdback window, with the
    /// deferred scanners run once over the whole part when it finishes.
    private func makeStreamGuard() -> StreamGuard {
        let guardrail = chat.guardrail, conversation = conversation, context = context, deferred = deferred
        let wholeAnswer: StreamGuard.Evaluate = { whole in
            guardrail.checkOutput(whole, conversation: conversation, context: context, scanners: .only(deferred))
        }
        return StreamGuard(
            holdback: chat.options.holdback,
            evaluate: { window in
                guardrail.checkOutput(window, conversation: conversation, context: context, scanners: .excluding(deferred))
            },
            finally: deferred.isEmpty ? nil : wholeAnswer)
    }

    private mutating func flush(_ key: Key) -> StreamGuard.Output? {
        guard guards[key] != nil, guards[key]?.isFinished == false else { return nil }
        var out = guards[key]?.finish() ?? StreamGuard.Output(text: "")
        if out.blocked != nil { isBlocked = true }
        out.text = chat.guardrail.restore(out.text, conversation: conversation)
        return out
    }

    private mutating func rememberTemplate(_ body: JSONValue) {
        guard case .object(let members) = body else { return }
        template = .object(members.filter { ["id", "object", "created", "model", "system_fingerprint"].contains($0.key) })
    }

    private func finalChunk(choice: Int, decision: Decision) -> ChatChunk {
        var body = template
        body["choices"] = .array([.object([("index", .int(choice)), ("delta", .object([])), ("finish_reason", .string("content_filter"))])])
        body["parapet"] = .object([
            ("action", .string(decision.action.rawValue)),
            ("message", decision.message.map(JSONValue.string) ?? .null),
            ("rules", .array(decision.rulesFired.map { .string($0.rule) })),
        ])
        return ChatChunk(body: body)
    }

    private static func appendToolArguments(_ text: String, tool: Int, to choice: inout JSONValue) {
        guard !text.isEmpty else { return }
        var calls = choice["delta"]?["tool_calls"]?.arrayValue ?? []
        calls.append(.object([("index", .int(tool)), ("function", .object([("arguments", .string(text))]))]))
        choice["delta"]?["tool_calls"] = .array(calls)
    }
}
