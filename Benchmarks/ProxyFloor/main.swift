// The proxy's HTTP floor: the same server (Hummingbird 2), upstream client (AsyncHTTPClient with
// `OpenAIClient.httpConfiguration`) and executor setup (tasks on NIO's event loops) as
// `parapet serve`, with nothing in between: each POST body goes to the upstream as it came, and
// the upstream's answer back as it came. No JSON, no policy, no metrics.
//
// `Benchmarks/proxy_bench/bench.sh --floor` runs it beside the real proxy, so the benchmark shows
// what the HTTP path alone costs on the machine and what the guard adds on top.
//
// Usage: parapet-proxy-floor LISTEN_PORT UPSTREAM_BASE_URL   (e.g. 8081 http://127.0.0.1:8080/v1)
import AsyncHTTPClient
import Foundation
import Hummingbird
import NIOCore
import NIOHTTP1
import NIOPosix
import ParapetServer

let arguments = CommandLine.arguments
guard arguments.count == 3, let port = Int(arguments[1]) else {
    FileHandle.standardError.write(Data("usage: parapet-proxy-floor LISTEN_PORT UPSTREAM_BASE_URL\n".utf8))
    exit(64)
}
let upstream = arguments[2].hasSuffix("/") ? String(arguments[2].dropLast()) : arguments[2]
NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()

let client = HTTPClient(
    eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: OpenAIClient.httpConfiguration(readTimeout: .seconds(120)))

let router = Router()
router.post("/v1/chat/completions") { request, _ -> Response in
    let body = try await request.body.collect(upTo: 64 << 20)
    var forwarded = HTTPClientRequest(url: "\(upstream)/chat/completions")
    forwarded.method = .POST
    forwarded.headers.add(name: "content-type", value: "application/json")
    forwarded.body = .bytes(body)
    let answer = try await client.execute(forwarded, timeout: .seconds(120))
    let bytes = try await answer.body.collect(upTo: 64 << 20)
    return Response(
        status: .init(code: Int(answer.status.code)), headers: [.contentType: "application/json"],
        body: .init(byteBuffer: bytes))
}
router.get("/healthz") { _, _ in "ok" }
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
// Runs until SIGTERM or SIGINT; the process then exits, taking the client's connections with it.
try await app.runService()
