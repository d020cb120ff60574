public import Hummingbird
public import Parapet
import HTTPTypes
import NIOCore

/// An error in OpenAI's JSON shape: `{"error": {"message", "type", "param", "code"}}`.
public struct OpenAIError: Error, Sendable, Hashable {
    /// The HTTP status.
    public var status: Int
    /// A readable message (never contains credentials or scanned text).
    public var message: String
    /// OpenAI's error type (`invalid_request_error`, `authentication_error`, `upstream_error`, …).
    public var type: String
    /// A stable code (`content_filter`, `invalid_api_key`, `upstream_timeout`, …).
    public var code: String
    /// The request field at fault, if any.
    public var param: String?

    /// Creates an error.
    public init(status: Int, message: String, type: String, code: String, param: String? = nil) {
        self.status = status
        self.message = message
        self.type = type
        self.code = code
        self.param = param
    }

    /// The error as a JSON value.
    public var json: JSONValue {
        .object([("error", .object([
            ("message", .string(message)), ("type", .string(type)),
            ("param", param.map(JSONValue.string) ?? .null), ("code", .string(code)),
        ]))])
    }

    /// The HTTP response carrying the error.
    public var response: Response { ServerResponses.json(json, status: status) }

    /// A bad request body.
    static func invalidRequest(_ message: String, param: String? = nil) -> OpenAIError {
        OpenAIError(status: 400, message: message, type: "invalid_request_error", code: "invalid_request", param: param)
    }

    /// The decision recorder (audit trail) failed, so the request is not answered.
    static let auditUnavailable = OpenAIError(
        status: 503, message: "The decision could not be recorded; the request was not answered.",
        type: "server_error", code: "audit_unavailable")

    /// The policy blocked the request's input.
    static func blocked(_ decision: Decision) -> OpenAIError {
        OpenAIError(
            status: 400, message: decision.message ?? "The request was blocked by policy \(decision.policy).",
            type: "invalid_request_error", code: "content_filter", param: "messages")
    }

    /// Maps an upstream failure to what the client sees: a 4xx from the upstream passes through
    /// as it came when its body is JSON; everything else becomes a 502 or 504.
    static func upstream(_ error: any Error) -> (OpenAIError, passthrough: [UInt8]?) {
        guard let failure = error as? ModelClientError else {
            return (OpenAIError(status: 502, message: "The upstream call failed.", type: "upstream_error", code: "upstream_error"), nil)
        }
        switch failure.code {
        case .timeout:
            return (OpenAIError(status: 504, message: "The upstream did not answer in time.", type: "upstream_error", code: "upstream_timeout"), nil)
        case .connectionFailed:
            return (OpenAIError(status: 502, message: "The upstream could not be reached.", type: "upstream_error", code: "upstream_unavailable"), nil)
        case .upstreamStatus:
            let status = failure.status ?? 502
            let upstreamError = failure.body.flatMap { try? JSONValue.parse($0) }?["error"]
            if (400..<500).contains(status), let body = failure.body, upstreamError != nil {
                return (OpenAIError(status: status, message: "", type: "upstream_error", code: "upstream_status"), body)
            }
            // A 5xx or an error event inside a stream: the upstream's own words, cut short.
            if let said = upstreamError?["message"]?.stringValue ?? upstreamError?.stringValue, !said.isEmpty {
                return (OpenAIError(status: 502, message: "The upstream reported an error: \(said.prefix(300))", type: "upstream_error", code: "upstream_status"), nil)
            }
            return (OpenAIError(status: 502, message: "The upstream answered with HTTP \(status).", type: "upstream_error", code: "upstream_status"), nil)
        case .malformedResponse, .malformedStream:
            return (OpenAIError(status: 502, message: "The upstream's answer was malformed: \(failure.message)", type: "upstream_error", code: "upstream_malformed"), nil)
        case .truncatedStream:
            return (OpenAIError(status: 502, message: "The upstream's stream ended early.", type: "upstream_error", code: "upstream_truncated"), nil)
        }
    }
}

/// Builds JSON and SSE responses.
enum ServerResponses {
    static func json(_ value: JSONValue, status: Int = 200) -> Response {
        bytes(value.serializedBytes, status: status, contentType: "application/json")
    }

    static func bytes(_ bytes: [UInt8], status: Int, contentType: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        return Response(status: HTTPResponse.Status(code: status), headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// One server-sent event carrying JSON.
    static func event(_ value: JSONValue) -> ByteBuffer {
        var bytes = Array("data: ".utf8)
        value.write(to: &bytes)
        bytes.append(contentsOf: [0x0A, 0x0A])
        return ByteBuffer(bytes: bytes)
    }

    /// The end-of-stream event.
    static let done = ByteBuffer(string: "data: [DONE]\n\n")
}
