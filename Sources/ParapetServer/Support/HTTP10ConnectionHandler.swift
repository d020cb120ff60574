import NIOCore
import NIOHTTP1

/// HTTP/1.0's connection rules in front of Hummingbird's codec, which drops the HTTP version:
/// a request without `Connection: keep-alive` gets `Connection: close`, so that the handlers
/// behind the codec close the connection after its answer (RFC 9112, section 9.3); the answer to
/// one with keep-alive says `Connection: keep-alive`, which an HTTP/1.0 client needs to keep the
/// connection open (RFC 9112, appendix C.2.2).
///
/// It sits on NIO's own request and response parts; ``MalformedRequestHandler`` puts it there
/// when it is added to a pipeline.
final class HTTP10ConnectionHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    /// For each request read and not yet answered, in order: whether it is HTTP/1.0 with keep-alive.
    private var keepAlive10: [Bool] = []

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(var head) = unwrapInboundIn(data) else {
            context.fireChannelRead(data)
            return
        }
        let isHTTP10 = head.version == .http1_0
        keepAlive10.append(isHTTP10 && head.isKeepAlive)
        guard isHTTP10, !head.isKeepAlive else {
            context.fireChannelRead(data)
            return
        }
        head.headers.replaceOrAdd(name: "connection", value: "close")
        context.fireChannelRead(wrapInboundOut(.head(head)))
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard case .head(var head) = unwrapOutboundIn(data), head.status.code >= 200, !keepAlive10.isEmpty else {
            context.write(data, promise: promise)
            return
        }
        if keepAlive10.removeFirst(), !head.headers.contains(name: "connection") {
            head.headers.replaceOrAdd(name: "connection", value: "keep-alive")
        }
        context.write(wrapOutboundOut(.head(head)), promise: promise)
    }
}
