/// Something that answers OpenAI-style chat completion requests: a model server, a hosted API,
/// a stub in tests, or a ``GuardedModelClient`` wrapping any of those.
public protocol ModelClient: Sendable {
    /// Sends a non-streaming request and returns the whole answer.
    /// - Throws: ``ModelClientError`` for transport and upstream failures.
    func complete(_ request: ChatRequest) async throws -> ChatResponse

    /// Sends a streaming request; the stream yields each chunk and ends after `[DONE]`.
    ///
    /// Failures before the first chunk are thrown here; later ones end the stream with a
    /// ``ModelClientError`` (`malformed_stream`, `truncated_stream`, …).
    func stream(_ request: ChatRequest) async throws -> AsyncThrowingStream<ChatChunk, any Error>
}

/// Why a model call failed, with a stable code.
public struct ModelClientError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Stable codes.
    public enum Code: String, Sendable, Hashable, Codable {
        /// No answer in time.
        case timeout
        /// The connection could not be made or broke.
        case connectionFailed = "connection_failed"
        /// The upstream answered with an HTTP error status.
        case upstreamStatus = "upstream_status"
        /// The upstream's answer was not valid JSON of the expected shape.
        case malformedResponse = "malformed_response"
        /// An event of the stream was not valid JSON.
        case malformedStream = "malformed_stream"
        /// The stream ended before `[DONE]`.
        case truncatedStream = "truncated_stream"
    }

    /// The stable code.
    public var code: Code
    /// What happened (never contains credentials).
    public var message: String
    /// The upstream's HTTP status, for `upstream_status`.
    public var status: Int?
    /// The upstream's error body, for `upstream_status` (passed to the client for 4xx).
    public var body: [UInt8]?
    /// Where: the upstream URL path or component that failed.
    public var location: String

    /// Creates an error.
    public init(code: Code, message: String, status: Int? = nil, body: [UInt8]? = nil, location: String = "upstream") {
        self.code = code
        self.message = message
        self.status = status
        self.body = body
        self.location = location
    }

    /// `location: error[code]: message`.
    public var description: String { "\(location): error[\(code.rawValue)]: \(message)" }
}
