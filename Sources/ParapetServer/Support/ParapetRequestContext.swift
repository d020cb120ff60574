public import Hummingbird
import HTTPTypes
import NIOCore

/// The request context of Parapet's routes: Hummingbird's core storage plus the client key's name.
public struct ParapetRequestContext: RequestContext {
    /// Hummingbird's per-request storage (logger, allocator, parameters, id).
    public var coreContext: CoreRequestContextStorage
    /// The name of the client key that authenticated the request, when keys are configured.
    public var client: String?

    /// Creates the context for one request.
    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.client = nil
    }
}

/// Refuses `/v1/*` requests without a valid client key (`Authorization: Bearer KEY`) when keys
/// are configured. Health, readiness and metrics stay open.
struct ClientAuthMiddleware: RouterMiddleware {
    typealias Context = ParapetRequestContext
    let keys: ClientKeys

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !keys.isEmpty, request.uri.path.hasPrefix("/v1/") else { return try await next(request, context) }
        let header = request.headers[.authorization] ?? ""
        let prefix = "Bearer "
        guard header.hasPrefix(prefix), let name = keys.match(String(header.dropFirst(prefix.count))) else {
            return OpenAIError(
                status: 401, message: "Missing or invalid API key. Send Authorization: Bearer <key>.",
                type: "authentication_error", code: "invalid_api_key"
            ).response
        }
        var context = context
        context.client = name
        return try await next(request, context)
    }
}
