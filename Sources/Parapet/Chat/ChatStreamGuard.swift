public import ParapetCore

/// Guards one streamed answer chunk by chunk: a ``StreamGuard`` per choice for each text field
/// (the content, and the reasoning text of models that stream it as `reasoning_content` or
/// `reasoning`) and a ``ToolArgumentsStream`` per tool call for its arguments (each string value
/// guarded decoded; with `scanToolArguments` off only restored), pseudonyms restored in what is
/// emitted.
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

    /// One guarded part of a choice's answer.
    private struct Key: Hashable {
        enum Part: Hashable {
            /// A text field of the delta (`content`, `refusal`, `reasoning_content`, `reasoning`).
            case text(String)
            /// `tool_calls[i].function.arguments` of the tool call with this index.
            case tool(Int)
            /// The legacy `function_call.arguments`.
            case functionCall
        }
        var choice: Int
        var part: Part
    }

    let chat: ChatGuard
    let context: ScanContext
    /// The conversation whose pseudonyms are restored.
    public let conversation: String
    private var guards: [Key: StreamGuard] = [:]
    /// The arguments of each tool call (and of the legacy `function_call`).
    private var arguments: [Key: ToolArgumentsStream] = [:]
    /// The records of parts that finished and then received more text (their guards replaced).
    private var replacedParts: [ScannedPart] = []
    private var order: [Key] = []
    /// The choices seen so far, and those that have had their `finish_reason`.
    private var choicesSeen: Set<Int> = []
    private var choicesFinished: Set<Int> = []
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
        replacedParts + order.flatMap { key in
            if let stream = arguments[key] { return stream.allParts }
            return guards[key].flatMap { Self.part(key, $0) }.map { [$0] } ?? []
        }
    }

    private static func part(_ key: Key, _ streamGuard: StreamGuard) -> ScannedPart? {
        streamGuard.summary.map { ScannedPart(location: location(of: key), role: "assistant", direction: .output, decision: $0) }
    }

    private static func location(of key: Key) -> String {
        switch key.part {
        case .text(let field): "choices[\(key.choice)].delta.\(field)"
        case .tool(let tool): "choices[\(key.choice)].delta.tool_calls[\(tool)].function.arguments"
        case .functionCall: "choices[\(key.choice)].delta.function_call.arguments"
        }
    }

    /// Guards one chunk.
    ///
    /// A choice finishes at a `finish_reason` that is a non-empty string; its held-back text is
    /// then written into that chunk's `delta` (created when the chunk has none).
    public mutating func process(_ chunk: ChatChunk) -> Step {
        guard !isBlocked else { return .forward(ChatChunk(body: .object([]))) }
        var body = chunk.body
        rememberTemplate(body)
        var blocked: (Int, Decision)?
        body.updateArray("choices") { choice, position in
            guard blocked == nil else { return }
            let index = choice["index"]?.intValue ?? position
            let finishing = !(choice["finish_reason"]?.stringValue ?? "").isEmpty
            choicesSeen.insert(index)
            if finishing { choicesFinished.insert(index) }
            for field in ChatGuard.answerTextFields {
                let key = Key(choice: index, part: .text(field))
                if case .string(let text) = choice["delta"]?[field] {
                    let out = feed(key, text, finishing: finishing)
                    if let decision = out.blocked { blocked = (index, decision); return }
                    Self.setDelta(field, .string(out.text), in: &choice)
                } else if finishing, let rest = flush(key) {
                    if let decision = rest.blocked { blocked = (index, decision); return }
                    if !rest.text.isEmpty { Self.setDelta(field, .string(rest.text), in: &choice) }
                }
            }
            var seen: Set<Key> = []
            choice["delta"]?.updateArray("tool_calls") { call, position in
                guard blocked == nil, let arguments = call["function"]?["arguments"]?.stringValue else { return }
                let key = Key(choice: index, part: .tool(call["index"]?.intValue ?? position))
                seen.insert(key)
                let out = feedArguments(key, arguments, finishing: finishing)
                if let decision = out.blocked { blocked = (index, decision); return }
                call["function"]?["arguments"] = .string(out.text)
            }
            if blocked == nil, let arguments = choice["delta"]?["function_call"]?["arguments"]?.stringValue {
                let key = Key(choice: index, part: .functionCall)
                seen.insert(key)
                let out = feedArguments(key, arguments, finishing: finishing)
                if let decision = out.blocked { blocked = (index, decision); return }
                choice["delta"]?["function_call"]?["arguments"] = .string(out.text)
            }
            guard blocked == nil, finishing else { return }
            for key in order where key.choice == index && !seen.contains(key) {
                if case .text = key.part { continue }
                guard let rest = flush(key) else { continue }
                if let decision = rest.blocked { blocked = (index, decision); return }
                Self.appendArguments(rest.text, of: key.part, to: &choice)
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
            if case .text(let field) = key.part {
                Self.setDelta(field, .string(rest.text), in: &choice)
            } else {
                Self.appendArguments(rest.text, of: key.part, to: &choice)
            }
            choices[key.choice] = choice
        }
        guard !choices.isEmpty else { return nil }
        var body = template
        body["choices"] = .array(choices.keys.sorted().compactMap { choices[$0] })
        return .forward(ChatChunk(body: body))
    }

    /// Feeds `text` to the part's guard. Text after the part finished (an upstream that goes on
    /// after a `finish_reason`) gets a new guard: it is guarded on its own, not dropped.
    private mutating func feed(_ key: Key, _ text: String, finishing: Bool) -> StreamGuard.Output {
        if let finished = guards[key], finished.isFinished {
            if let part = Self.part(key, finished) { replacedParts.append(part) }
            guards[key] = nil
        }
        if guards[key] == nil {
            guards[key] = makeStreamGuard()
            if !order.contains(key) { order.append(key) }
        }
        var out = Self.output(guards[key]?.append(text), finishing: finishing) { guards[key]?.finish() }
        if out.blocked != nil { isBlocked = true }
        out.text = chat.guardrail.restore(out.text, conversation: conversation)
        return out
    }

    /// Feeds a fragment of a tool call's arguments. Arguments after the part finished get a new
    /// reader, as text does in ``feed(_:_:finishing:)``.
    private mutating func feedArguments(_ key: Key, _ text: String, finishing: Bool) -> StreamGuard.Output {
        if let finished = arguments[key], finished.isFinished {
            replacedParts.append(contentsOf: finished.allParts)
            arguments[key] = finished.continuation()
        }
        if arguments[key] == nil {
            let guardrail = chat.guardrail, conversation = conversation, template = makeStreamGuard()
            // A fresh guard per value: a copy of one that has seen nothing yet.
            let makeGuard: ToolArgumentsStream.MakeGuard? = chat.options.scanToolArguments ? { @Sendable in template } : nil
            let restore: @Sendable (String) -> String = { guardrail.restore($0, conversation: conversation) }
            let pseudonymize: @Sendable (String) -> String = { guardrail.vault.pseudonymizeKnownValues(in: $0, conversation: conversation) }
            arguments[key] = ToolArgumentsStream(
                location: Self.location(of: key), makeGuard: makeGuard, restore: restore, pseudonymize: pseudonymize)
            if !order.contains(key) { order.append(key) }
        }
        let out = Self.output(arguments[key]?.feed(text), finishing: finishing) { arguments[key]?.finish() }
        if out.blocked != nil { isBlocked = true }
        return out
    }

    /// What a part hands back for a fragment: `fed`, then, when the part is finishing and nothing
    /// blocked, what `finish` releases.
    private static func output(
        _ fed: StreamGuard.Output?, finishing: Bool, _ finish: () -> StreamGuard.Output?
    ) -> StreamGuard.Output {
        let out = fed ?? StreamGuard.Output(text: "")
        guard out.blocked == nil, finishing, let rest = finish() else { return out }
        return StreamGuard.Output(text: out.text + rest.text, blocked: rest.blocked)
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
        if arguments[key] != nil {
            guard arguments[key]?.isFinished == false, let out = arguments[key]?.finish() else { return nil }
            if out.blocked != nil { isBlocked = true }
            return out
        }
        guard guards[key] != nil, guards[key]?.isFinished == false, var out = guards[key]?.finish() else { return nil }
        if out.blocked != nil { isBlocked = true }
        out.text = chat.guardrail.restore(out.text, conversation: conversation)
        return out
    }

    private mutating func rememberTemplate(_ body: JSONValue) {
        guard case .object(let members) = body else { return }
        template = .object(members.filter { ["id", "object", "created", "model", "system_fingerprint"].contains($0.key) })
    }

    /// The chunk that ends a blocked stream: the blocked choice, and every other choice still
    /// open (with `n` > 1 they are cut too; before 2026-12-02 they never got a `finish_reason`),
    /// each with an empty delta and `finish_reason: "content_filter"`.
    private func finalChunk(choice: Int, decision: Decision) -> ChatChunk {
        var body = template
        let cut = choicesSeen.subtracting(choicesFinished).union([choice]).sorted()
        body["choices"] = .array(cut.map { index in
            .object([("index", .int(index)), ("delta", .object([])), ("finish_reason", .string("content_filter"))])
        })
        body["parapet"] = .object([
            ("action", .string(decision.action.rawValue)),
            ("message", decision.message.map(JSONValue.string) ?? .null),
            ("rules", .array(decision.rulesFired.map { .string($0.rule) })),
        ])
        return ChatChunk(body: body)
    }

    /// Sets `delta.field`, creating the `delta` of a chunk that has none (or a null one).
    private static func setDelta(_ field: String, _ value: JSONValue, in choice: inout JSONValue) {
        if choice["delta"]?.isObject != true { choice["delta"] = .object([]) }
        choice["delta"]?[field] = value
    }

    /// Adds held-back arguments to the choice's delta: a tool-call fragment, or the rest of
    /// `function_call.arguments`.
    private static func appendArguments(_ text: String, of part: Key.Part, to choice: inout JSONValue) {
        guard !text.isEmpty else { return }
        if choice["delta"]?.isObject != true { choice["delta"] = .object([]) }
        switch part {
        case .tool(let tool):
            var calls = choice["delta"]?["tool_calls"]?.arrayValue ?? []
            calls.append(.object([("index", .int(tool)), ("function", .object([("arguments", .string(text))]))]))
            choice["delta"]?["tool_calls"] = .array(calls)
        case .functionCall:
            let before = choice["delta"]?["function_call"]?["arguments"]?.stringValue ?? ""
            if choice["delta"]?["function_call"]?.isObject != true { choice["delta"]?["function_call"] = .object([]) }
            choice["delta"]?["function_call"]?["arguments"] = .string(before + text)
        case .text: return
        }
    }
}
