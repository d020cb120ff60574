import HTTPTypes
import NIOCore
import NIOHTTP1
// The request and response parts of Hummingbird's HTTP/1 pipeline and its codec (swift-nio-extras).
import NIOHTTPTypes
import NIOHTTPTypesHTTP1
import Parapet

/// Answers a request that NIO cannot parse (two `Content-Length` headers, `Content-Length: abc`,
/// a broken request line) with an OpenAI-style JSON error, as every other error of the proxy,
/// and closes the connection; Hummingbird would answer an empty 400.
///
/// It sits behind Hummingbird's HTTP/1 codec and counts the requests read and the answers
/// written, so that every answer goes to its own request:
/// - a broken head after requests still being answered (pipelined, or during a stream) is
///   answered after their answers;
/// - a broken body of a request not yet answered goes on to the route, which reads the body and
///   answers 400 or 413 itself;
/// - a request whose `Connection` header holds `close` in any spelling closes the connection
///   after its answer, which says so (Hummingbird closes only for the exact value `close`); so
///   does an HTTP/1.0 request without keep-alive, which ``HTTP10ConnectionHandler``, put in
///   front of the codec when this handler is added, marks with `Connection: close`;
/// - a broken body of a request already answered, and bytes after a request that asked to close
///   (`Connection: close`, HTTP/1.0), close the connection without an answer, and an answer
///   written when no request awaits one (Hummingbird's own 400 for a body the route did not
///   read) is dropped.
///
/// Closing is a lingering close: the answers written are sent, the sending side is shut once
/// they are written, and what the client still sends is read and dropped until it closes, for at
/// most ``lingerTime`` after that. A plain close with unread bytes (the rest of a 300 KB head)
/// makes the kernel reset the connection, and the client may lose the answer before reading it.
final class MalformedRequestHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// Request heads read minus answers ended.
    private var unanswered = 0
    /// Between a request's head and its end.
    private var readingBody = false
    /// A parse error waiting for the answers under way.
    private var pending: (any Error)?
    /// The connection closes after this many more answers: a request asked to close
    /// (`Connection` holds the token `close`, in any case and beside other tokens; Hummingbird
    /// honours only the exact value `close`), or bytes came after such a request (NIO's
    /// `closedConnection`, also after HTTP/1.0), which get no answer.
    private var answersUntilClose: Int?
    /// Dropping an answer that no request awaits.
    private var dropping = false
    /// The connection is being closed: nothing more is written, and what is read is dropped.
    private var closing = false
    /// The full close at the end of the lingering close.
    private var lingerEnd: Scheduled<Void>?

    /// How long a closing connection keeps reading (and dropping) what the client still sends.
    static let lingerTime = TimeAmount.seconds(2)

    func handlerAdded(context: ChannelHandlerContext) {
        // Hummingbird adds this handler behind its codec; HTTP/1.0 is told apart only in front of it.
        let pipeline = context.pipeline.syncOperations
        guard let codec = try? pipeline.handler(type: HTTP1ToHTTPServerCodec.self) else { return }
        try? pipeline.addHandler(HTTP10ConnectionHandler(), position: .before(codec))
    }

    func channelInactive(context: ChannelHandlerContext) {
        lingerEnd?.cancel()
        lingerEnd = nil
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !closing else { return }
        switch unwrapInboundIn(data) {
        case .head(let request):
            unanswered += 1
            readingBody = true
            if answersUntilClose == nil, Self.asksToClose(request) { answersUntilClose = unanswered }
        case .end: readingBody = false
        case .body: break
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let part = unwrapOutboundIn(data)
        if case .head(let head) = part, head.status.kind != .informational, unanswered == 0 { dropping = true }
        if dropping || closing {
            promise?.succeed(())
            if case .end = part {
                dropping = false
                close(context)
            }
            return
        }
        if case .head(var head) = part, head.status.kind != .informational, answersUntilClose == 1 {
            head.headerFields[.connection] = "close"  // the answer the connection closes after
            context.write(wrapOutboundOut(.head(head)), promise: promise)
        } else {
            context.write(data, promise: promise)
        }
        guard case .end = part else { return }
        unanswered = max(0, unanswered - 1)
        if let left = answersUntilClose {
            answersUntilClose = left - 1
            if left <= 1 {
                close(context)
                return
            }
        }
        guard unanswered == 0 else { return }
        if let error = pending { answer(error, context: context) }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard !closing else { return }  // the decoder's errors about the bytes being dropped
        guard error is HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        guard pending == nil else { return }  // the decoder may report the same bytes again
        if let parserError = error as? HTTPParserError, parserError == .closedConnection {
            if unanswered > 0 { answersUntilClose = min(answersUntilClose ?? unanswered, unanswered) } else { close(context) }
            return
        }
        switch (readingBody, unanswered > 0) {
        case (true, true): context.fireErrorCaught(error)  // the route may be reading this body
        case (true, false): close(context)  // its request has its answer
        case (false, true): pending = error
        case (false, false): answer(error, context: context)
        }
    }

    /// Writes the JSON 400 for `error`, then closes the connection.
    private func answer(_ error: any Error, context: ChannelHandlerContext) {
        let body = Self.body(for: error)
        var head = HTTPResponse(status: .badRequest)
        head.headerFields[.contentType] = "application/json"
        head.headerFields[.contentLength] = "\(body.count)"
        head.headerFields[.connection] = "close"
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(context.channel.allocator.buffer(bytes: body))), promise: nil)
        context.write(wrapOutboundOut(.end(nil)), promise: nil)
        close(context)
    }

    /// Whether a request's `Connection` header holds the token `close`.
    static func asksToClose(_ request: HTTPRequest) -> Bool {
        request.headerFields[values: .connection].contains { value in
            value.split(separator: ",").contains { $0.filter { $0 != " " && $0 != "\t" }.lowercased() == "close" }
        }
    }

    /// Sends what is written, shuts the sending side once all of it is written, and closes
    /// fully when the client closes or ``lingerTime`` after that (at once where the channel
    /// cannot shut one side). The wait starts only when the answer is out: a slow reader of a
    /// large answer gets all of it.
    private func close(_ context: ChannelHandlerContext) {
        guard !closing else { return }
        closing = true
        context.flush()
        let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
        let boundContext = NIOLoopBound(context, eventLoop: context.eventLoop)
        let outputClosed = context.eventLoop.makePromise(of: Void.self)
        outputClosed.futureResult.whenComplete { result in
            let context = boundContext.value
            guard case .success = result else {
                context.close(promise: nil)
                return
            }
            bound.value.lingerEnd = context.eventLoop.scheduleTask(in: Self.lingerTime) { context.close(promise: nil) }
        }
        context.close(mode: .output, promise: outputClosed)
    }

    /// The error's JSON: `invalid_request_error`, code `malformed_request`, naming what NIO found.
    static func body(for error: any Error) -> [UInt8] {
        OpenAIError(status: 400, message: "The request could not be parsed as HTTP/1.1 (\(error)).",
                    type: "invalid_request_error", code: "malformed_request").json.serializedBytes
    }
}
