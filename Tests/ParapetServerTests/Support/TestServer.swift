import HTTPTypes
import NIOCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Parapet
import Synchronization

@testable import ParapetServer

/// Paths in the repository, found from this file's location.
enum RepositoryPaths {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()
    static var policies: String { root + "/policies" }
}

/// Fake secrets, assembled so no scanner on a code host mistakes them for live ones.
enum FakeSecrets {
    /// An AWS access key id shape (fake).
    static let awsKeyID = "AKIA" + "QYLPMN5HFIGWZ7TX"
    /// A GitHub token shape with a valid checksum (fake).
    static let githubToken = "ghp_" + "Zb3VhN2LqT8rK4mW1sP9dY6cF0gH5j" + "2OeT3d"
}

/// Collects recorded decisions.
final class RecordedDecisions: Sendable {
    let items = Mutex<[(Decision, DecisionContext)]>([])
    var all: [(Decision, DecisionContext)] { items.withLock { $0 } }
    var recorder: ClosureRecorder { ClosureRecorder { decision, context in self.items.withLock { $0.append((decision, context)) } } }
}

/// A server over a stub upstream, with the shipped policies; requests use the regex-only
/// `patterns` policy unless a test configures another (the classifier has its own tests).
struct TestServer {
    let upstream: StubUpstream
    let server: GuardServer
    let recorded = RecordedDecisions()

    init(
        _ behaviour: StubUpstream.Behaviour = .echo(chunkSize: 7), recorder: (any DecisionRecorder)? = nil,
        configure: (inout ServerConfiguration) -> Void = { _ in }
    ) throws {
        var configuration = ServerConfiguration()
        configuration.policyDirectories = [RepositoryPaths.policies]
        configuration.defaultPolicy = "patterns"
        configure(&configuration)
        let loader = PolicyLoader(registry: StandardScanners.registry, searchPaths: configuration.policyDirectories)
        let store = try PolicyStore(names: configuration.policyNames, loader: loader)
        upstream = StubUpstream(behaviour)
        server = GuardServer(configuration: configuration, policies: store, upstream: upstream, recorder: recorder ?? recorded.recorder)
    }

    /// Runs `body` against the router (no sockets).
    func test<Value: Sendable>(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        let app = Application(router: server.buildRouter())
        return try await app.test(.router, body)
    }
}

extension TestClientProtocol {
    /// POSTs a JSON body.
    func post(_ uri: String, json: JSONValue, headers: HTTPFields = [:]) async throws -> TestResponse {
        var all = headers
        all[.contentType] = "application/json"
        return try await execute(uri: uri, method: .post, headers: all, body: ByteBuffer(bytes: json.serializedBytes))
    }
}

extension TestResponse {
    /// The body parsed as JSON (`.null` when it is not JSON).
    var json: JSONValue { (try? JSONValue.parse(body.readableBytesView)) ?? .null }

    /// The `data:` payloads of a server-sent event body.
    var events: [String] {
        var parser = ServerSentEventParser()
        return parser.feed(body.readableBytesView)
    }

    /// The JSON of every event except `[DONE]`.
    var chunks: [JSONValue] { events.filter { $0 != "[DONE]" }.compactMap { try? JSONValue.parse($0) } }

    /// The concatenated `delta.content` of every chunk.
    var streamedText: String { chunks.map { ChatChunk(body: $0).text }.joined() }
}

/// A chat request body.
func chatBody(_ messages: [(String, String)], model: String = "stub-model", stream: Bool = false, extra: [(key: String, value: JSONValue)] = []) -> JSONValue {
    var body = ChatRequest(model: model, messages: messages.map { (role: $0.0, content: $0.1) }, stream: stream).body
    for (key, value) in extra { body[key] = value }
    return body
}
