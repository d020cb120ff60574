/// The routes served without a client key (health checks and metrics scrapers carry none): one
/// name each for the router and ``ClientAuthMiddleware``, which lets exactly these paths through.
enum OpenRoute: String, CaseIterable, Sendable {
    /// `GET` or `HEAD /healthz`: the process is up.
    case health = "/healthz"
    /// `GET` or `HEAD /readyz`: a policy is loaded.
    case readiness = "/readyz"
    /// `GET /metrics`: Prometheus text format.
    case metrics = "/metrics"
}
