/// The guarded routes, one name each for the router, the metrics and audit records that name the
/// route, and the config's `policies.routes` (which refuses any other key).
public enum ProxyRoute: String, CaseIterable, Sendable {
    /// `POST /v1/chat/completions`.
    case chatCompletions = "/v1/chat/completions"
    /// `POST /v1/moderations`.
    case moderations = "/v1/moderations"
    /// `POST /v1/guard`.
    case guardText = "/v1/guard"
}
