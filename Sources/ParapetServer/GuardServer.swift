import Foundation
public import Hummingbird
public import Parapet
import HTTPTypes
import NIOCore
import ParapetEncoder

/// The guard proxy: OpenAI-compatible routes in front of an upstream ``ModelClient``.
///
/// ```swift
/// let server = GuardServer(configuration: config, policies: store, upstream: OpenAIClient(configuration: config))
/// let app = Application(router: server.buildRouter(), configuration: .init(address: .hostname("127.0.0.1", port: 8080)))
/// try await app.runService()
/// ```
public struct GuardServer: Sendable {
    /// The server's configuration.
    public let configuration: ServerConfiguration
    /// The loaded policies (reloadable).
    public let policies: PolicyStore
    /// Where chat completions go.
    public let upstream: any ModelClient
    /// Receives every decision before the response is sent.
    public let recorder: any DecisionRecorder
    /// Prometheus metrics.
    public let metrics: ServerMetrics

    /// Creates the server.
    public init(
        configuration: ServerConfiguration,
        policies: PolicyStore,
        upstream: any ModelClient,
        recorder: any DecisionRecorder = DiscardingRecorder(),
        metrics: ServerMetrics = ServerMetrics()
    ) {
        self.configuration = configuration
        self.policies = policies
        self.upstream = upstream
        self.recorder = recorder
        self.metrics = metrics
    }

    /// The routes: chat completions, moderations, guard, health, readiness and metrics.
    public func buildRouter() -> Router<ParapetRequestContext> {
        let router = Router(context: ParapetRequestContext.self)
        router.add(middleware: RouteErrorMiddleware())
        router.add(middleware: ClientAuthMiddleware(keys: configuration.clientKeys))
        router.post(RouterPath(ProxyRoute.chatCompletions.rawValue)) { request, context in
            try await counted(ProxyRoute.chatCompletions.rawValue, context) { try await chatCompletions(request, context: context) }
        }
        router.post(RouterPath(ProxyRoute.moderations.rawValue)) { request, context in
            try await counted(ProxyRoute.moderations.rawValue, context) { try await moderations(request, context: context) }
        }
        router.post(RouterPath(ProxyRoute.guardText.rawValue)) { request, context in
            try await counted(ProxyRoute.guardText.rawValue, context) { try await guardText(request, context: context) }
        }
        for method in [HTTPRequest.Method.get, .head] {  // health checks often use HEAD
            router.on(RouterPath(OpenRoute.health.rawValue), method: method) { _, _ in ServerResponses.json(.object([("status", .string("ok"))])) }
            router.on(RouterPath(OpenRoute.readiness.rawValue), method: method) { _, _ in
                ServerResponses.json(.object([("status", .string("ready")), ("policy_generation", .int(policies.generation))]))
            }
        }
        router.get(RouterPath(OpenRoute.metrics.rawValue)) { _, _ in
            ServerResponses.bytes(Array(metrics.render().utf8), status: 200, contentType: "text/plain; version=0.0.4")
        }
        return router
    }

    /// Runs `body` with one request's classifier budget (`classifier_request_tokens`): every
    /// classifier scan in it draws from the same tokens.
    func withClassifierBudget<T>(_ body: () throws -> T) rethrows -> T {
        try ClassifierBudget.$current.withValue(ClassifierBudget(tokens: configuration.classifierRequestTokens), operation: body)
    }

    /// Runs a route, turning thrown ``OpenAIError``s into responses, counting the status and
    /// sending the request id back as `x-request-id`.
    func counted(_ route: String, _ context: ParapetRequestContext, _ body: () async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await body()
        } catch let error as OpenAIError {
            response = error.response
        } catch {
            response = OpenAIError(status: 500, message: "Internal error.", type: "server_error", code: "internal_error").response
        }
        metrics.request(route: route, status: Int(response.status.code))
        response.headers[Self.requestIDHeader] = context.id
        return response
    }

    static let requestIDHeader: HTTPField.Name = {
        guard let name = HTTPField.Name("x-request-id") else { preconditionFailure("invalid header name") }
        return name
    }()

    /// Reads and parses a JSON body, with OpenAI errors for the client's mistakes.
    func readJSON(_ request: Request) async throws -> JSONValue {
        var request = request
        let tooLarge = OpenAIError(
            status: 413, message: "The request body is larger than \(configuration.maxBodyBytes) bytes.",
            type: "invalid_request_error", code: "request_too_large")
        // A declared length over the limit is refused at once, not after the client sends (or
        // holds back) the body.
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > configuration.maxBodyBytes {
            throw tooLarge
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: configuration.maxBodyBytes)
        } catch is NIOTooManyBytesError {
            throw tooLarge
        } catch {
            // A malformed chunked body, or a connection closed half-way.
            throw OpenAIError.invalidRequest("The request body could not be read (\(error)).")
        }
        do {
            return try JSONValue.parse(buffer.readableBytesView)
        } catch {
            throw OpenAIError.invalidRequest("The body is not valid JSON (\(error.description)).")
        }
    }

    /// The guard for a route and model.
    func guardrail(route: String, model: String?) throws -> (String, Guard) {
        let name = configuration.policyName(route: route, model: model)
        guard let guardrail = policies.guardrail(name) else {
            throw OpenAIError(status: 500, message: "Policy '\(name)' is not loaded.", type: "server_error", code: "policy_missing")
        }
        return (name, guardrail)
    }

    /// Records decisions (awaited) and counts them.
    /// - Throws: ``OpenAIError`` 503 `audit_unavailable` when the recorder fails.
    func record(_ parts: [ScannedPart], base: DecisionContext, start: ContinuousClock.Instant) async throws(OpenAIError) {
        let latency = (ContinuousClock.now - start).microseconds
        for part in parts {
            metrics.decision(part.decision, direction: part.direction)
            var context = base
            context.direction = part.direction
            context.location = part.location
            context.role = part.role
            context.latencyMicroseconds = latency
            do {
                try await recorder.record(part.decision, context: context)
            } catch {
                throw OpenAIError.auditUnavailable
            }
        }
    }
}
