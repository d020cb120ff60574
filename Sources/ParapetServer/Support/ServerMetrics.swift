public import Parapet
public import Prometheus

/// The server's Prometheus metrics, in its own registry (so several servers, or tests, never
/// share counters through a global bootstrap). `GET /metrics` renders ``render()``.
public final class ServerMetrics: Sendable {
    /// The registry the metrics live in.
    public let registry: PrometheusCollectorRegistry
    static let latencyBuckets: [Duration] = [
        .microseconds(50), .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1),
        .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5),
        .seconds(10), .seconds(30), .seconds(60),
    ]

    static func name(_ metric: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "parapet", metricName: metric, unitName: unit, helpText: help)
    }
    static var requests: MetricNameDescriptor { name("requests", "total", "HTTP requests by route and status.") }
    static var decisions: MetricNameDescriptor { name("decisions", "total", "Policy decisions by direction and action.") }
    static var categories: MetricNameDescriptor { name("decision_categories", "total", "Decisions with at least one finding of a category.") }
    static var scanDuration: MetricNameDescriptor { name("scan_duration", "seconds", "Time to evaluate the policy on one text.") }
    static var upstreamDuration: MetricNameDescriptor { name("upstream_duration", "seconds", "Time for the upstream to answer (whole stream when streaming).") }
    static var upstreamErrors: MetricNameDescriptor { name("upstream_errors", "total", "Upstream failures by code.") }
    static var reloads: MetricNameDescriptor { name("policy_reloads", "total", "Policy reload attempts by result.") }

    /// Creates the metrics in a fresh registry.
    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
    }

    /// Counts a finished HTTP request (`parapet_requests_total{route,status}`).
    public func request(route: String, status: Int) {
        registry.makeCounter(descriptor: Self.requests, labels: [("route", route), ("status", String(status))]).increment()
    }

    /// Counts a decision by action and each distinct finding category, and times its scan.
    public func decision(_ decision: Decision, direction: Direction) {
        let dir = direction.rawValue
        registry.makeCounter(descriptor: Self.decisions, labels: [("direction", dir), ("action", decision.action.rawValue)]).increment()
        for category in Set(decision.findings.map(\.category.rawValue)).sorted() {
            registry.makeCounter(descriptor: Self.categories, labels: [("direction", dir), ("category", category)]).increment()
        }
        if let total = decision.timings["total"] {
            registry.makeDurationHistogram(descriptor: Self.scanDuration, labels: [("direction", dir)], buckets: Self.latencyBuckets)
                .recordNanoseconds(Int64(total * 1000))
        }
    }

    /// Times one upstream call (`parapet_upstream_duration_seconds{route}`).
    public func upstream(route: String, duration: Duration) {
        registry.makeDurationHistogram(descriptor: Self.upstreamDuration, labels: [("route", route)], buckets: Self.latencyBuckets)
            .record(duration)
    }

    /// Counts an upstream failure by code (`parapet_upstream_errors_total{code}`).
    public func upstreamError(code: String) {
        registry.makeCounter(descriptor: Self.upstreamErrors, labels: [("code", code)]).increment()
    }

    /// Counts a policy reload attempt (`parapet_policy_reloads_total{result}`).
    public func reload(succeeded: Bool) {
        registry.makeCounter(descriptor: Self.reloads, labels: [("result", succeeded ? "ok" : "refused")]).increment()
    }

    /// The Prometheus text exposition of every metric.
    public func render() -> String { registry.emitToString() }
}
