import NIOCore
import NIOHTTP1

/// Gives an HTTP/1.0 request without `Connection: keep-alive` the header `Connection: close`,
/// so that the handlers behind Hummingbird's codec, which drops the HTTP version, close the
/// connection after its answer as HTTP/1.0 asks (RFC 9112, section 9.3).
///
/// It sits in front of that codec, on NIO's own request parts; ``MalformedRequestHandler`` puts
/// it there when it is added to a pipeline.
final class HTTP10ConnectionHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(var head) = unwrapInboundIn(data), head.version == .http1_0, !head.isKeepAlive else {
            context.fireChannelRead(data)
            return
        }
        head.headers.replaceOrAdd(name: "connection", value: "close")
        context.fireChannelRead(wrapInboundOut(.head(head)))
    }
}
