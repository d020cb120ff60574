import Foundation
import HTTPTypes
import NIOCore
import NIOEmbedded
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1
import Testing

@testable import ParapetServer

/// NIO's parser errors get an OpenAI-style JSON 400 between requests; inside one they go on to
/// Hummingbird and the route.
@Suite struct MalformedRequestHandlerTests {
    @Test func aHeadThatDoesNotParseGetsJSONAndTheConnectionCloses() throws {
        let channel = try Self.connectedChannel()
        channel.pipeline.fireErrorCaught(HTTPParserError.invalidContentLength)
        channel.pipeline.fireErrorCaught(HTTPParserError.invalidContentLength)  // answered once

        guard case .head(let head) = try channel.readOutbound(as: HTTPResponsePart.self) else {
            Issue.record("no head")
            return
        }
        #expect(head.status == .badRequest)
        #expect(head.headerFields[.contentType] == "application/json")
        #expect(head.headerFields[.connection] == "close")
        guard case .body(let buffer) = try channel.readOutbound(as: HTTPResponsePart.self) else {
            Issue.record("no body")
            return
        }
        #expect(head.headerFields[.contentLength] == "\(buffer.readableBytes)")
        let json = try JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) as? [String: Any]
        let error = json?["error"] as? [String: Any]
        #expect(error?["type"] as? String == "invalid_request_error")
        #expect(error?["code"] as? String == "malformed_request")
        #expect((error?["message"] as? String)?.contains("content-length") == true)
        guard case .end = try channel.readOutbound(as: HTTPResponsePart.self) else {
            Issue.record("no end")
            return
        }
        #expect(try channel.readOutbound(as: HTTPResponsePart.self) == nil)
        #expect(!channel.isActive)
    }

    @Test func anErrorInsideARequestGoesOnToTheRoute() throws {
        let channel = try Self.connectedChannel()
        try channel.writeInbound(HTTPRequestPart.head(Self.request))
        _ = try channel.readInbound(as: HTTPRequestPart.self)
        channel.pipeline.fireErrorCaught(HTTPParserError.invalidChunkSize)
        #expect(throws: HTTPParserError.invalidChunkSize) { try channel.throwIfErrorCaught() }
        #expect(try channel.readOutbound(as: HTTPResponsePart.self) == nil)
    }

    static let request = HTTPRequest(method: .post, scheme: nil, authority: nil, path: "/v1/guard")

    /// A connected channel holding the handler alone (a closed channel shows the handler closed it).
    static func connectedChannel() throws -> EmbeddedChannel {
        let channel = EmbeddedChannel(handler: MalformedRequestHandler())
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        return channel
    }

    /// The statuses of the answers written so far.
    static func statuses(_ channel: EmbeddedChannel) throws -> [Int] {
        var statuses: [Int] = []
        while let part = try channel.readOutbound(as: HTTPResponsePart.self) {
            if case .head(let head) = part { statuses.append(head.status.code) }
        }
        return statuses
    }

    @Test func aBrokenHeadAfterAPipelinedRequestIsAnsweredAfterItsAnswer() throws {
        let channel = try Self.connectedChannel()
        try channel.writeInbound(HTTPRequestPart.head(Self.request))
        try channel.writeInbound(HTTPRequestPart.end(nil))
        try channel.writeOutbound(HTTPResponsePart.head(HTTPResponse(status: .ok)))
        channel.pipeline.fireErrorCaught(HTTPParserError.invalidHeaderToken)
        #expect(try Self.statuses(channel) == [200])  // nothing written into the answer under way
        try channel.writeOutbound(HTTPResponsePart.body(ByteBuffer(string: "{}")))
        try channel.writeOutbound(HTTPResponsePart.end(nil))
        #expect(try Self.statuses(channel) == [400])
        #expect(!channel.isActive)
    }

    @Test func aBrokenBodyOfAnAnsweredRequestClosesWithoutAnAnswer() throws {
        let channel = try Self.connectedChannel()
        try channel.writeInbound(HTTPRequestPart.head(Self.request))
        try channel.writeOutbound(HTTPResponsePart.head(HTTPResponse(status: .ok)))
        try channel.writeOutbound(HTTPResponsePart.end(nil))
        channel.pipeline.fireErrorCaught(HTTPParserError.invalidChunkSize)
        #expect(try Self.statuses(channel) == [200])
        #expect(!channel.isActive)
    }

    @Test func anAnswerNoRequestAwaitsIsDropped() throws {
        let channel = try Self.connectedChannel()
        try channel.writeInbound(HTTPRequestPart.head(Self.request))
        channel.pipeline.fireErrorCaught(HTTPParserError.invalidChunkSize)  // to the route, which does not read it
        #expect(throws: HTTPParserError.invalidChunkSize) { try channel.throwIfErrorCaught() }
        try channel.writeOutbound(HTTPResponsePart.head(HTTPResponse(status: .ok)))
        try channel.writeOutbound(HTTPResponsePart.end(nil))
        // Hummingbird's own empty 400 for the body it drains afterwards answers no request.
        try channel.writeOutbound(HTTPResponsePart.head(HTTPResponse(status: .badRequest)))
        try channel.writeOutbound(HTTPResponsePart.end(nil))
        #expect(try Self.statuses(channel) == [200])
        #expect(!channel.isActive)
    }

    @Test func bytesAfterARequestThatAskedToCloseGetNoAnswer() throws {
        let channel = try Self.connectedChannel()
        try channel.writeInbound(HTTPRequestPart.head(Self.request))
        try channel.writeInbound(HTTPRequestPart.end(nil))
        channel.pipeline.fireErrorCaught(HTTPParserError.closedConnection)  // `Connection: close`, then more bytes
        try channel.writeOutbound(HTTPResponsePart.head(HTTPResponse(status: .ok)))
        try channel.writeOutbound(HTTPResponsePart.end(nil))
        #expect(try Self.statuses(channel) == [200])
        #expect(!channel.isActive)
    }

    @Test func aRequestAskingToCloseInAnySpellingIsClosedAfterItsAnswer() throws {
        let channel = try Self.connectedChannel()
        var request = Self.request
        request.headerFields[.connection] = "keep-alive, Close"
        try channel.writeInbound(HTTPRequestPart.head(request))
        try channel.writeInbound(HTTPRequestPart.end(nil))
        try channel.writeOutbound(HTTPResponsePart.head(HTTPResponse(status: .ok)))
        guard case .head(let head) = try channel.readOutbound(as: HTTPResponsePart.self) else {
            Issue.record("no head")
            return
        }
        #expect(head.headerFields[.connection] == "close")
        #expect(channel.isActive)
        try channel.writeOutbound(HTTPResponsePart.end(nil))
        #expect(!channel.isActive)
    }

    @Test func otherErrorsPassThrough() throws {
        let channel = EmbeddedChannel(handler: MalformedRequestHandler())
        channel.pipeline.fireErrorCaught(ChannelError.ioOnClosedChannel)
        #expect(throws: ChannelError.ioOnClosedChannel) { try channel.throwIfErrorCaught() }
    }

    @Test func anHTTP10RequestWithoutKeepAliveIsClosedAfterItsAnswer() throws {
        // Hummingbird's order: NIO's parts, its codec to HTTP types (which drops the version), then ours.
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(HTTP1ToHTTPServerCodec(secure: false))
        try channel.pipeline.syncOperations.addHandler(MalformedRequestHandler())
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        let head = HTTPRequestHead(version: .http1_0, method: .GET, uri: "/healthz")
        try channel.writeInbound(HTTPServerRequestPart.head(head))
        try channel.writeInbound(HTTPServerRequestPart.end(nil))
        guard case .head(let request) = try channel.readInbound(as: HTTPRequestPart.self) else {
            Issue.record("no head")
            return
        }
        #expect(request.headerFields[.connection] == "close")
        try channel.writeOutbound(HTTPResponsePart.head(HTTPResponse(status: .ok)))
        #expect(channel.isActive)
        try channel.writeOutbound(HTTPResponsePart.end(nil))
        #expect(!channel.isActive)
    }
}

/// HTTP/1.0 requests in front of Hummingbird's codec.
@Suite struct HTTP10ConnectionHandlerTests {
    /// The `Connection` header of `head` after the handler.
    static func connection(after head: HTTPRequestHead) throws -> [String] {
        let channel = EmbeddedChannel(handler: HTTP10ConnectionHandler())
        try channel.writeInbound(HTTPServerRequestPart.head(head))
        guard case .head(let seen) = try channel.readInbound(as: HTTPServerRequestPart.self) else { return ["no head"] }
        return seen.headers["connection"]
    }

    @Test func onlyHTTP10WithoutKeepAliveIsMarked() throws {
        #expect(try Self.connection(after: HTTPRequestHead(version: .http1_0, method: .GET, uri: "/")) == ["close"])
        let keepAlive = HTTPRequestHead(version: .http1_0, method: .GET, uri: "/", headers: ["Connection": "Keep-Alive"])
        #expect(try Self.connection(after: keepAlive) == ["Keep-Alive"])
        #expect(try Self.connection(after: HTTPRequestHead(version: .http1_1, method: .GET, uri: "/")) == [])
    }

    @Test func theAnswerToAnHTTP10KeepAliveRequestSaysKeepAlive() throws {
        let channel = EmbeddedChannel(handler: HTTP10ConnectionHandler())
        let keepAlive = HTTPRequestHead(version: .http1_0, method: .GET, uri: "/", headers: ["Connection": "keep-alive"])
        try channel.writeInbound(HTTPServerRequestPart.head(keepAlive))
        try channel.writeInbound(HTTPServerRequestPart.head(HTTPRequestHead(version: .http1_1, method: .GET, uri: "/")))
        for _ in 0..<2 {
            try channel.writeOutbound(HTTPServerResponsePart.head(HTTPResponseHead(version: .http1_1, status: .ok)))
        }
        var answers: [[String]] = []
        while let part = try channel.readOutbound(as: HTTPServerResponsePart.self) {
            if case .head(let head) = part { answers.append(head.headers["connection"]) }
        }
        #expect(answers == [["keep-alive"], []])
    }
}
