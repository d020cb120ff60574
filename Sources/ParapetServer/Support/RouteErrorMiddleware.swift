import Hummingbird

/// Turns the errors Hummingbird raises itself around the routes (no route for a method and path,
/// and any other `HTTPResponseError`) into OpenAI-style error JSON, as the routes' own errors.
struct RouteErrorMiddleware: RouterMiddleware {
    typealias Context = ParapetRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            let status = Int(error.status.code)
            let message = status == 404
                ? "No route for \(request.method.rawValue) \(request.uri.path)."
                : error.body ?? error.status.reasonPhrase
            let code = status == 404 ? "not_found" : status == 405 ? "method_not_allowed" : "http_error"
            var response = OpenAIError(status: status, message: message, type: "invalid_request_error", code: code).response
            for field in error.headers { response.headers.append(field) }
            return response
        }
    }
}
