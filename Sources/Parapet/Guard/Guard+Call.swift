public import ParapetCore

/// The result of a guarded model call.
public struct GuardedReply: Sendable {
    /// The answer to hand to the user: checked, rewritten if the policy says so, and with the
    /// conversation's pseudonyms restored. `nil` when the prompt or the answer was blocked.
    public var answer: String?
    /// The decision on the prompt.
    public var inputDecision: Decision
    /// The decision on the answer; `nil` when the prompt was blocked and the model not called.
    public var outputDecision: Decision?

    /// Whether either side was blocked.
    public var isBlocked: Bool {
        inputDecision.action == .block || outputDecision?.action == .block
    }

    /// The block message of whichever side was blocked.
    public var blockMessage: String? {
        if inputDecision.action == .block { return inputDecision.message }
        if outputDecision?.action == .block { return outputDecision?.message }
        return nil
    }
}

extension Guard {
    /// Wraps one model call: checks (and possibly rewrites) the prompt, calls the model with the
    /// text the policy allows, checks the answer, then restores pseudonyms in the answer.
    ///
    /// The model is not called when the prompt is blocked. Errors thrown by `model` propagate.
    /// - Parameters:
    ///   - prompt: the user's prompt.
    ///   - conversation: a conversation id; pseudonyms are stable and restorable within it.
    ///   - systemPrompt: passed to scanners as context (e.g. for leakage checks).
    ///   - model: the model call, receiving the guarded prompt.
    public func call(
        prompt: String,
        conversation: String,
        systemPrompt: String? = nil,
        model: (String) async throws -> String
    ) async throws -> GuardedReply {
        let context = ScanContext(systemPrompt: systemPrompt)
        let inputDecision = checkInput(prompt, conversation: conversation, context: context)
        guard inputDecision.action != .block, let guardedPrompt = inputDecision.text else {
            return GuardedReply(answer: nil, inputDecision: inputDecision, outputDecision: nil)
        }
        let raw = try await model(guardedPrompt)
        let outputContext = ScanContext(systemPrompt: systemPrompt, prompt: guardedPrompt)
        let outputDecision = checkOutput(raw, conversation: conversation, context: outputContext)
        let answer = outputDecision.text.map { restore($0, conversation: conversation) }
        return GuardedReply(answer: answer, inputDecision: inputDecision, outputDecision: outputDecision)
    }

    /// Returns a guarded version of `model` with the same call shape: `(String) async throws -> GuardedReply`.
    public func wrap(
        conversation: String,
        systemPrompt: String? = nil,
        _ model: @escaping @Sendable (String) async throws -> String
    ) -> @Sendable (String) async throws -> GuardedReply {
        { [self] prompt in
            try await call(prompt: prompt, conversation: conversation, systemPrompt: systemPrompt, model: model)
        }
    }
}
