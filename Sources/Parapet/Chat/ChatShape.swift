/// Checks that the text-bearing fields of chat requests and answers have the shapes the guard
/// reads, so a text the guard cannot see is refused instead of passed on unscanned.
///
/// The guard scans a `content` that is a string or an array of parts (a string, or an object
/// whose `text` is a string). Any other shape (an object, a number, a part whose `text` is not a
/// string, an array inside the array) could still carry text to an upstream that accepts it, so
/// such a request is malformed (400) and such an answer too (502). The proxy and
/// ``GuardedModelClient`` both check here, before their guards run.
public enum ChatShape {
    /// A request whose text the guard cannot read: what is wrong, and the parameter it concerns.
    public struct RequestProblem: Error, Sendable, Hashable, CustomStringConvertible {
        /// What is wrong (`'messages[0].content' must be a string or an array of parts.`).
        public var message: String
        /// The field (`messages[0].content`).
        public var param: String
        /// Creates a problem.
        public init(message: String, param: String) {
            self.message = message
            self.param = param
        }

        /// `PARAM: error[invalid_request]: MESSAGE`.
        public var description: String { "\(param): error[invalid_request]: \(message)" }
    }

    /// Throws ``ModelClientError`` (`malformed_response`) when `answer` holds text the output
    /// guard cannot read.
    public static func requireReadable(_ answer: ChatResponse, location: String) throws(ModelClientError) {
        if let problem = answerProblem(answer.body) {
            throw ModelClientError(code: .malformedResponse, message: problem, location: location)
        }
    }

    /// Throws ``ModelClientError`` (`malformed_stream`) when `chunk` holds text the stream guard
    /// cannot read.
    public static func requireReadable(_ chunk: ChatChunk, location: String) throws(ModelClientError) {
        if let problem = answerProblem(chunk.body, messageKey: "delta") {
            throw ModelClientError(code: .malformedStream, message: problem, location: location)
        }
    }

    /// What is wrong with a request body; nil when its messages and documents have shapes the
    /// guard reads.
    public static func requestProblem(_ body: JSONValue) -> RequestProblem? {
        guard case .object = body else { return RequestProblem(message: "The body must be a JSON object.", param: "body") }
        // A `stream` the guard reads as false would send a stream it does not scan.
        if let stream = body["stream"], stream != .null, stream.boolValue == nil {
            return RequestProblem(message: "'stream' must be true or false.", param: "stream")
        }
        if let messages = body["messages"], messages.arrayValue == nil {
            return RequestProblem(message: "'messages' must be an array.", param: "messages")
        }
        for (index, message) in (body["messages"]?.arrayValue ?? []).enumerated() {
            let location = "messages[\(index)]"
            guard case .object = message else { return RequestProblem(message: "'\(location)' must be an object.", param: location) }
            if let role = message["role"], role.stringValue == nil {
                return RequestProblem(message: "'\(location).role' must be a string.", param: "\(location).role")
            }
            if let problem = contentProblem(message["content"], at: "\(location).content") {
                return RequestProblem(message: problem, param: "\(location).content")
            }
        }
        guard let documents = body["documents"] else { return nil }
        guard let list = documents.arrayValue else { return RequestProblem(message: "'documents' must be an array.", param: "documents") }
        for (index, document) in list.enumerated() {
            let location = "documents[\(index)]"
            switch document {
            case .string: continue
            case .object:
                for key in ["text", "content", "snippet"] where !isTextOrAbsent(document[key]) {
                    return RequestProblem(message: "'\(location).\(key)' must be a string.", param: "\(location).\(key)")
                }
            default:
                return RequestProblem(message: "'\(location)' must be a string or an object.", param: location)
            }
        }
        return nil
    }

    /// What is wrong with an answer (non-streaming) or a streamed chunk (`messageKey: "delta"`):
    /// `choices` must be an array of objects, and each choice's `message` text fields readable
    /// (a `delta`'s: strings). Nil when nothing is.
    public static func answerProblem(_ body: JSONValue, messageKey: String = "message") -> String? {
        // (No choices, as in a final usage chunk, carry no text.)
        guard let choices = body["choices"], choices != .null else { return nil }
        guard let list = choices.arrayValue else { return "'choices' must be an array." }
        for (index, choice) in list.enumerated() {
            guard case .object = choice else { return "'choices[\(index)]' must be an object." }
            guard let message = choice[messageKey], message != .null else { continue }
            guard case .object = message else { return "'choices[\(index)].\(messageKey)' must be an object." }
            for field in ChatGuard.answerTextFields {
                let location = "choices[\(index)].\(messageKey).\(field)"
                // The stream guard reads a delta's text only as a string.
                if messageKey == "delta" {
                    if !isTextOrAbsent(message[field]) { return "'\(location)' must be a string." }
                } else if let problem = contentProblem(message[field], at: location) {
                    return problem
                }
            }
            if let problem = toolCallProblem(message, at: "choices[\(index)].\(messageKey)") { return problem }
        }
        return nil
    }

    /// What is wrong with the tool calls of a message or delta at `location`: the guard scans
    /// `tool_calls[].function.arguments` and `function_call.arguments` as strings, as OpenAI
    /// sends them. Nil when nothing is.
    private static func toolCallProblem(_ message: JSONValue, at location: String) -> String? {
        if let calls = message["tool_calls"], calls != .null {
            guard let list = calls.arrayValue else { return "'\(location).tool_calls' must be an array." }
            for (index, call) in list.enumerated() {
                guard case .object = call else { return "'\(location).tool_calls[\(index)]' must be an object." }
                if let problem = functionProblem(call["function"], at: "\(location).tool_calls[\(index)].function") { return problem }
            }
        }
        return functionProblem(message["function_call"], at: "\(location).function_call")
    }

    private static func functionProblem(_ function: JSONValue?, at location: String) -> String? {
        guard let function, function != .null else { return nil }
        guard case .object = function else { return "'\(location)' must be an object." }
        return isTextOrAbsent(function["arguments"]) ? nil : "'\(location).arguments' must be a string."
    }

    /// Why `content` at `location` is not a shape the guard reads; nil when it is.
    private static func contentProblem(_ content: JSONValue?, at location: String) -> String? {
        switch content {
        case nil, .null?, .string?: return nil
        case .array(let parts)?:
            for (index, part) in parts.enumerated() {
                switch part {
                case .string: continue
                case .object where isTextOrAbsent(part["text"]): continue
                case .object: return "'\(location)[\(index)].text' must be a string."
                default: return "'\(location)[\(index)]' must be a string or an object."
                }
            }
            return nil
        default:
            return "'\(location)' must be a string or an array of parts."
        }
    }

    private static func isTextOrAbsent(_ value: JSONValue?) -> Bool {
        switch value {
        case nil, .null?, .string?: true
        default: false
        }
    }
}
