import HTTPTypes
import NIOCore
import NIOHTTP1
// The request and response parts of Hummingbird's HTTP/1 pipeline (swift-nio-extras, a module
// Hummingbird's own public API is made of).
import NIOHTTPTypes
import Parapet

/// Answers a request that NIO cannot parse (two `Content-Length` headers, `Content-Length: abc`,
/// a broken request line) with an OpenAI-style JSON error, as every other error of the proxy,
/// and closes the connection.
///
/// Hummingbird answers these itself with an empty 400. This handler sits behind its HTTP/1 codec
/// and takes the parser's error only between requests, when no request is being read and no
/// answer is being written: an error inside a request's body reaches the route, which reads the
/// body and answers 400 or 413 itself, and nothing is written into an answer under way.
final class MalformedRequestHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private var readingRequest = false
    private var writingResponse = false
    private var answered = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head: readingRequest = true
        case .end: readingRequest = false
        case .body: break
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head: writingResponse = true
        case .end: writingResponse = false
        case .body: break
        }
        context.write(data, promise: promise)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard error is HTTPParserError, !readingRequest, !writingResponse else {
            context.fireErrorCaught(error)
            return
        }
        guard !answered else { return }  // the decoder may report the same bytes again
        answered = true
        let body = Self.body(for: error)
        var head = HTTPResponse(status: .badRequest)
        head.headerFields[.contentType] = "application/json"
        head.headerFields[.contentLength] = "\(body.count)"
        head.headerFields[.connection] = "close"
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(context.channel.allocator.buffer(bytes: body))), promise: nil)
        let written = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: written)
        let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
        written.futureResult.whenComplete { _ in bound.value.close(promise: nil) }
    }

    /// The error's JSON: `invalid_request_error`, code `malformed_request`, naming what NIO found.
    static func body(for error: any Error) -> [UInt8] {
        OpenAIError(status: 400, message: "The request could not be parsed as HTTP/1.1 (\(error)).",
                    type: "invalid_request_error", code: "malformed_request").json.serializedBytes
    }
}
