package import AsyncHTTPClient
import Foundation
package import NIOCore
import NIOHTTP1
public import Parapet

/// A ``ModelClient`` for any server that speaks OpenAI's chat completions protocol (llama.cpp
/// server, vLLM, Ollama, SGLang, hosted APIs), over AsyncHTTPClient.
///
/// The upstream key is sent as `Authorization: Bearer …` and never logged or echoed in errors.
public final class OpenAIClient: ModelClient {
    /// The base URL up to and including `/v1`, without its query.
    public let baseURL: String
    /// The base URL's query (Azure's `api-version=…`), sent after the route: `/v1/chat/completions?…`.
    public let query: String?
    /// Seconds a whole non-streamed answer, or the gap between two streamed reads, may take.
    public let timeoutSeconds: Double
    private let timeout: TimeAmount
    private let apiKey: String?
    private let keyRedactor: UpstreamKeyRedactor?
    private let client: HTTPClient
    private let ownsClient: Bool
    /// Largest accepted non-streamed answer.
    static let maxResponseBytes = 64 << 20

    /// Creates a client with its own connection pool (call ``shutdown()`` when done).
    /// `timeoutSeconds` is clamped to 1 ms…1 day (NaN gives the default, 120 s).
    public init(baseURL: String, apiKey: String?, timeoutSeconds: Double = 120) {
        // A query goes after the route (it made `/v1?api-version=…/chat/completions` before 2026-12-02).
        let parts = baseURL.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        var trimmed = String(parts[0])
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.baseURL = trimmed
        self.query = parts.count > 1 && !parts[1].isEmpty ? String(parts[1]) : nil
        self.apiKey = apiKey
        self.keyRedactor = UpstreamKeyRedactor(key: apiKey)
        let seconds = timeoutSeconds.isNaN ? 120 : min(max(timeoutSeconds, 0.001), ServerConfiguration.longestWait)
        self.timeoutSeconds = seconds
        self.timeout = .milliseconds(Int64(seconds * 1000))
        self.client = HTTPClient(
            eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: Self.httpConfiguration(readTimeout: timeout))
        self.ownsClient = true
    }

    /// The AsyncHTTPClient settings of every upstream client (also used by the benchmark's
    /// HTTP floor, `Benchmarks/ProxyFloor`, so that it measures the same client).
    package static func httpConfiguration(readTimeout: TimeAmount) -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(10), read: readTimeout)
        // A proxy multiplexes many clients onto one upstream: keep enough connections pooled.
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 256)
        // A refused connection fails the waiting requests at once (502) instead of being retried
        // with backoff until the connect timeout: an upstream that is down is reported in
        // milliseconds, not after 10 s, and the client decides whether to retry.
        configuration.connectionPool.retryConnectionEstablishment = false
        // No distributed tracing: with the default (no-op) tracer AsyncHTTPClient still builds
        // each request's span attributes, about 4 % of a proxied request's CPU time.
        configuration.tracing.tracer = nil
        return configuration
    }

    /// Shuts the connection pool down.
    public func shutdown() async throws {
        if ownsClient { try await client.shutdown() }
    }

    /// Sends a non-streaming request.
    public func complete(_ request: ChatRequest) async throws -> ChatResponse {
        var body = request
        if body.isStreaming { body.body["stream"] = nil }
        let response = try await send(body)
        let bytes: ByteBuffer
        do {
            bytes = try await response.body.collect(upTo: Self.maxResponseBytes)
        } catch {
            throw Self.classify(error)
        }
        do {
            var answer = try ChatResponse(json: bytes.readableBytesView)
            answer.body = redactingKey(answer.body)
            return answer
        } catch {
            throw ModelClientError(code: .malformedResponse, message: error.description, location: endpoint)
        }
    }

    /// Sends a streaming request and parses its server-sent events.
    public func stream(_ request: ChatRequest) async throws -> AsyncThrowingStream<ChatChunk, any Error> {
        var body = request
        body.isStreaming = true
        let response = try await send(body)
        let location = endpoint
        // A server that ignores `stream` answers JSON: say so, instead of "the stream ended early".
        if let type = response.headers.first(name: "content-type"), type.lowercased().contains("json") {
            throw ModelClientError(
                code: .malformedStream, message: "the upstream answered a streamed request with '\(type.prefix(60))' instead of server-sent events",
                location: location)
        }
        let (stream, continuation) = AsyncThrowingStream<ChatChunk, any Error>.makeStream()
        let task = Task {
            var parser = ServerSentEventParser()
            do {
                for try await buffer in response.body {
                    for event in parser.feed(buffer.readableBytesView) {
                        if event == "[DONE]" {
                            continuation.finish()
                            return
                        }
                        var chunk: ChatChunk
                        do {
                            chunk = try ChatChunk(json: Array(event.utf8))
                            // Any event may repeat the key (one with both `error` and `choices` is forwarded).
                            chunk.body = redactingKey(chunk.body)
                        } catch {
                            throw ModelClientError(code: .malformedStream, message: "\(error)", location: location)
                        }
                        if chunk.body["error"] != nil, chunk.body["choices"] == nil {
                            throw ModelClientError(
                                code: .upstreamStatus, message: "the upstream sent an error event", status: 502,
                                body: redactingKey(Array(event.utf8)), location: location)
                        }
                        continuation.yield(chunk)
                    }
                }
                throw ModelClientError(code: .truncatedStream, message: "the stream ended before [DONE]", location: location)
            } catch {
                continuation.finish(throwing: Self.classify(error))
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    /// The chat completions URL: the base, the route, then the base's query.
    var endpoint: String { "\(baseURL)/chat/completions" + (query.map { "?" + $0 } ?? "") }

    private func send(_ request: ChatRequest) async throws -> HTTPClientResponse {
        var http = HTTPClientRequest(url: endpoint)
        http.method = .POST
        http.headers.add(name: "content-type", value: "application/json")
        if request.isStreaming { http.headers.add(name: "accept", value: "text/event-stream") }
        if let apiKey { http.headers.add(name: "authorization", value: "Bearer \(apiKey)") }
        http.body = .bytes(ByteBuffer(bytes: request.body.serializedBytes))
        let response: HTTPClientResponse
        do {
            response = try await client.execute(http, timeout: timeout)
        } catch {
            throw Self.classify(error)
        }
        guard (200..<300).contains(Int(response.status.code)) else {
            let body = try? await response.body.collect(upTo: 1 << 20)
            throw ModelClientError(
                code: .upstreamStatus, message: "HTTP \(response.status.code)", status: Int(response.status.code),
                body: body.map { redactingKey(Array($0.readableBytesView)) }, location: endpoint)
        }
        return response
    }

    /// `bytes` with the upstream key replaced by `[redacted]` (``UpstreamKeyRedactor``).
    func redactingKey(_ bytes: [UInt8]) -> [UInt8] {
        keyRedactor?.redacting(bytes) ?? bytes
    }

    /// `value` with the upstream key replaced in every string (decoded), or `value` itself.
    func redactingKey(_ value: JSONValue) -> JSONValue {
        keyRedactor?.redacting(value) ?? value
    }

    /// Sorts transport errors into timeouts and connection failures.
    static func classify(_ error: any Error) -> ModelClientError {
        if let failure = error as? ModelClientError { return failure }
        if let http = error as? HTTPClientError,
            [HTTPClientError.deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout].contains(http)
        {
            return ModelClientError(code: .timeout, message: "no answer in time", location: "upstream")
        }
        return ModelClientError(code: .connectionFailed, message: String(describing: type(of: error)), location: "upstream")
    }
}
