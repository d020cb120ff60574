import Foundation
import Hummingbird
import Logging
import Parapet
import HTTPTypes
import NIOCore

extension GuardServer {
    /// Where upstream failures are logged (at `warning`, under `LOG_LEVEL` like the server's logger).
    static let upstreamLogger: Logger = {
        var logger = Logger(label: "parapet.upstream")
        logger.logLevel = configuredLogLevel
        return logger
    }()

    /// The header a client may send to keep pseudonyms stable across requests of one conversation.
    static let conversationHeader: HTTPField.Name = {
        guard let name = HTTPField.Name("x-parapet-conversation") else { preconditionFailure("invalid header name") }
        return name
    }()

    /// `POST /v1/chat/completions`: input guard, upstream call, output guard (streamed or not).
    func chatCompletions(_ request: Request, context: ParapetRequestContext) async throws -> Response {
        let start = ContinuousClock.now
        let route = ProxyRoute.chatCompletions.rawValue
        let chatRequest = ChatRequest(body: try await readJSON(request))
        guard chatRequest.body["messages"]?.arrayValue != nil else {
            throw OpenAIError.invalidRequest("'messages' must be an array.", param: "messages")
        }
        // A text in a shape the guard does not read would reach the upstream unscanned.
        if let problem = ChatShape.requestProblem(chatRequest.body) {
            throw OpenAIError.invalidRequest(problem.message, param: problem.param)
        }
        let (policyName, guardrail) = try guardrail(route: route, model: chatRequest.model)
        let scope = ConversationScope(
            supplied: request.headers[Self.conversationHeader], client: context.client, automatic: "request-\(context.id)")
        let conversation = scope.vaultKey
        let forget: @Sendable () -> Void = { if scope.isAutomatic { policies.vault.forget(conversation: conversation) } }
        let base = DecisionContext(
            requestID: context.id, conversationID: scope.id, route: route, model: chatRequest.model, policy: policyName,
            direction: .input, location: "", role: "", client: context.client, latencyMicroseconds: 0)
        let chat = ChatGuard(guardrail: guardrail, options: configuration.scan)
        // Every scanned part of the input draws from one classifier budget (answers do not).
        let input = withClassifierBudget { chat.checkRequest(chatRequest, conversation: conversation) }
        do {
            try await record(input.parts, base: base, start: start)
        } catch {
            forget()
            throw error
        }
        if let blocked = input.blocked {
            forget()
            throw OpenAIError.blocked(blocked)
        }
        if chatRequest.isStreaming {
            return try await streamChat(input.request, chat: chat, base: base, conversation: conversation, start: start, forget: forget)
        }
        defer { forget() }
        let upstreamStart = ContinuousClock.now
        let answer: ChatResponse
        do {
            answer = try await upstream.complete(input.request)
        } catch {
            throw upstreamFailure(error, requestID: base.requestID)
        }
        metrics.upstream(route: route, duration: ContinuousClock.now - upstreamStart)
        // Text in a shape the output guard does not read would reach the client unscanned.
        do {
            try ChatShape.requireReadable(answer, location: "upstream answer")
        } catch {
            throw upstreamFailure(error, requestID: base.requestID)
        }
        let output = chat.checkResponse(answer, request: input.request, conversation: conversation)
        try await record(output.parts, base: base, start: start)
        return ServerResponses.json(output.response.body)
    }

    /// Counts an upstream failure and turns it into the client's error.
    func upstreamFailure(_ error: any Error, requestID: String) -> OpenAIError {
        let (mapped, passthrough) = OpenAIError.upstream(error)
        metrics.upstreamError(code: mapped.code)
        // Counted and logged: an operator sees failing upstreams without reading client errors.
        // The status and code only; the upstream's body may quote the request.
        Self.upstreamLogger.warning(
            "upstream call failed",
            metadata: ["request": .string(requestID), "code": .string(mapped.code), "status": .stringConvertible(mapped.status)])
        if let passthrough, let body = try? JSONValue.parse(passthrough), let inner = body["error"] {
            return OpenAIError(
                status: mapped.status, message: inner["message"]?.stringValue ?? "The upstream refused the request.",
                type: inner["type"]?.stringValue ?? "invalid_request_error", code: inner["code"]?.stringValue ?? "upstream_status",
                param: inner["param"]?.stringValue)
        }
        return mapped
    }

    /// Streams the guarded answer as server-sent events.
    ///
    /// Failures before the first event are ordinary error responses; later ones end the stream
    /// with an `error` event (what OpenAI's clients raise on) after the text already guarded.
    func streamChat(
        _ request: ChatRequest, chat: ChatGuard, base: DecisionContext, conversation: String, start: ContinuousClock.Instant,
        forget: @escaping @Sendable () -> Void
    ) async throws -> Response {
        let upstreamStart = ContinuousClock.now
        let events: AsyncThrowingStream<ChatChunk, any Error>
        do {
            events = try await upstream.stream(request)
        } catch {
            forget()
            throw upstreamFailure(error, requestID: base.requestID)
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream"
        headers[.cacheControl] = "no-cache"
        let server = self
        let body = ResponseBody { writer in
            defer { forget() }
            var guardian = chat.streamGuard(request: request, conversation: conversation)
            var failure: OpenAIError?
            do {
                for try await chunk in events {
                    // A delta in a shape the stream guard does not read would pass unscanned.
                    try ChatShape.requireReadable(chunk, location: "upstream stream")
                    switch guardian.process(chunk) {
                    case .forward(let out):
                        try await writer.write(ServerResponses.event(out.body))
                    case .blocked(let final, _):
                        do {
                            try await server.record(guardian.parts, base: base, start: start)
                        } catch {
                            try await writer.write(ServerResponses.event(OpenAIError.auditUnavailable.json))
                            try await writer.finish(nil)
                            return
                        }
                        try await writer.write(ServerResponses.event(final.body))
                        try await writer.write(ServerResponses.done)
                        try await writer.finish(nil)
                        return
                    }
                }
            } catch let error where !(error is CancellationError) {
                failure = server.upstreamFailure(error, requestID: base.requestID)
            }
            server.metrics.upstream(route: base.route, duration: ContinuousClock.now - upstreamStart)
            let last = guardian.finish()
            var context = base
            context.error = failure.map { "\($0.code): \($0.message)" }
            do {
                try await server.record(guardian.parts, base: context, start: start)
            } catch {
                try await writer.write(ServerResponses.event(OpenAIError.auditUnavailable.json))
                try await writer.finish(nil)
                return
            }
            switch last {
            case .forward(let out): try await writer.write(ServerResponses.event(out.body))
            case .blocked(let final, _): try await writer.write(ServerResponses.event(final.body))
            case nil: break
            }
            if let failure {
                try await writer.write(ServerResponses.event(failure.json))
            } else {
                try await writer.write(ServerResponses.done)
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }
}
