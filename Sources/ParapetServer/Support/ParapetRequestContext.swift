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

/// Refuses every request without a valid client key (`Authorization: Bearer KEY`, the scheme
/// in any case) when keys are configured, except exactly `/healthz`, `/readyz` and `/metrics`.
///
/// Deny by default: the router ignores empty path segments, so a check for a `/v1/` prefix let
/// `//v1/chat/completions` through unauthenticated (before 2026-12-02).
struct ClientAuthMiddleware: RouterMiddleware {
    typealias Context = ParapetRequestContext
    let keys: ClientKeys

    /// The paths served without a key.
    static let openPaths = Set(OpenRoute.allCases.map(\.rawValue))

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !keys.isEmpty, !Self.openPaths.contains(request.uri.path) else { return try await next(request, context) }
        guard let token = Self.bearerToken(request.headers[.authorization]), let name = keys.match(token) else {
            return OpenAIError(
                status: 401, message: "Missing or invalid API key. Send Authorization: Bearer <key>.",
                type: "authentication_error", code: "invalid_api_key"
            ).response
        }
        var context = context
        context.client = name
        return try await next(request, context)
    }

    /// The credentials of `Bearer TOKEN` (the scheme is case-insensitive, RFC 9110 §11.1), or nil.
    static func bearerToken(_ header: String?) -> String? {
        guard let header, let space = header.firstIndex(of: " "),
            header[..<space].lowercased() == "bearer" else { return nil }
        let token = header[space...].drop { $0 == " " }
        return token.isEmpty ? nil : String(token)
    }
}
