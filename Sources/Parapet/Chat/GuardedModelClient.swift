import Foundation
public import ParapetCore

/// A ``ModelClient`` wrapped by a ``Guard``: same call shape, streaming included.
///
/// A request whose input is blocked never reaches the wrapped client and throws
/// ``ChatBlockedError``; a rewritten one is sent rewritten. Answers are checked (streamed ones
/// through a holdback window), pseudonyms are restored, and a blocked answer ends with
/// `finish_reason: "content_filter"`. Text in a shape the guard cannot read (``ChatShape``) is
/// refused: a request throws ``ChatShape/RequestProblem`` before the model is called, an answer
/// or chunk throws ``ModelClientError`` (`malformed_response`, `malformed_stream`).
///
/// ```swift
/// let client = GuardedModelClient(wrapping: OpenAIClient(baseURL: url), guard: try Guard(policyNamed: "default"))
/// let answer = try await client.complete(ChatRequest(model: "m", messages: [("user", "Mail jane@corp.example")]))
/// ```
public struct GuardedModelClient: ModelClient {
    /// The client that talks to the model.
    public let base: any ModelClient
    /// The chat guard applied on both sides.
    public let chat: ChatGuard
    /// A fixed conversation id, or `nil` for a fresh one per call (forgotten after the call).
    public let conversation: String?

    /// Wraps `base` with a guard.
    public init(wrapping base: any ModelClient, guard guardrail: Guard, options: ChatScanOptions = ChatScanOptions(), conversation: String? = nil) {
        self.base = base
        self.chat = ChatGuard(guardrail: guardrail, options: options)
        self.conversation = conversation
    }

    /// Checks the request, calls the model, checks the answer.
    /// - Throws: ``ChatShape/RequestProblem`` or ``ChatBlockedError`` for the input,
    ///   ``ModelClientError`` for an unreadable answer; the wrapped client's errors.
    public func complete(_ request: ChatRequest) async throws -> ChatResponse {
        let conversation = self.conversation ?? "guarded-\(UUID().uuidString)"
        defer { if self.conversation == nil { chat.guardrail.vault.forget(conversation: conversation) } }
        if let problem = ChatShape.requestProblem(request.body) { throw problem }
        let input = chat.checkRequest(request, conversation: conversation)
        if let blocked = input.blocked { throw ChatBlockedError(decision: blocked) }
        let response = try await base.complete(input.request)
        try ChatShape.requireReadable(response, location: "model answer")
        return chat.checkResponse(response, request: input.request, conversation: conversation).response
    }

    /// Checks the request, streams the model's answer through the stream guard.
    /// - Throws: ``ChatShape/RequestProblem`` or ``ChatBlockedError`` for the input; the wrapped
    ///   client's errors. An unreadable chunk ends the stream with ``ModelClientError``.
    public func stream(_ request: ChatRequest) async throws -> AsyncThrowingStream<ChatChunk, any Error> {
        if let problem = ChatShape.requestProblem(request.body) { throw problem }
        let conversation = self.conversation ?? "guarded-\(UUID().uuidString)"
        let input = chat.checkRequest(request, conversation: conversation)
        if let blocked = input.blocked {
            if self.conversation == nil { chat.guardrail.vault.forget(conversation: conversation) }
            throw ChatBlockedError(decision: blocked)
        }
        let upstream = try await base.stream(input.request)
        let chat = self.chat, forget = self.conversation == nil
        return AsyncThrowingStream { continuation in
            let task = Task {
                var guardian = chat.streamGuard(request: input.request, conversation: conversation)
                defer { if forget { chat.guardrail.vault.forget(conversation: conversation) } }
                do {
                    for try await chunk in upstream {
                        try ChatShape.requireReadable(chunk, location: "model stream")
                        switch guardian.process(chunk) {
                        case .forward(let out): continuation.yield(out)
                        case .blocked(let final, _):
                            continuation.yield(final)
                            continuation.finish()
                            return
                        }
                    }
                    if let last = guardian.finish() {
                        switch last {
                        case .forward(let out), .blocked(let out, _): continuation.yield(out)
                        }
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}

/// The input of a guarded call was blocked; the model was not called.
public struct ChatBlockedError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable code: always `content_filter`.
    public var code: String { "content_filter" }
    /// The decision that blocked.
    public var decision: Decision
    /// The block message.
    public var message: String { decision.message ?? "The request was blocked by policy \(decision.policy)." }

    /// Creates the error.
    public init(decision: Decision) { self.decision = decision }

    /// `input: error[content_filter]: message`.
    public var description: String { "input: error[content_filter]: \(message)" }
}
