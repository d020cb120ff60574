public import Parapet
public import Prometheus
import Synchronization

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

    /// A metric's full name (`parapet_<metric>_<unit>`) and help text.
    struct Metric: Sendable {
        let name: String
        let help: String
        init(_ metric: String, _ unit: String, _ help: String) {
            self.name = "parapet_\(metric)_\(unit)"
            self.help = help
        }
    }
    static let requests = Metric("requests", "total", "HTTP requests by route and status.")
    static let decisions = Metric("decisions", "total", "Policy decisions by direction and action.")
    static let categories = Metric("decision_categories", "total", "Decisions with at least one finding of a category.")
    static let scanDuration = Metric("scan_duration", "seconds", "Time to evaluate the policy on one text.")
    static let upstreamDuration = Metric("upstream_duration", "seconds", "Time for the upstream to answer (whole stream when streaming).")
    static let upstreamErrors = Metric("upstream_errors", "total", "Upstream failures by code.")
    static let scannerErrors = Metric("scanner_errors", "total", "Scanner failures by scanner and code (blocked or let through as the policy says).")
    static let reloads = Metric("policy_reloads", "total", "Policy reload attempts by result.")

    /// Counters and histograms already made, by metric name and label values. The registry
    /// validates the name, labels and help text on every `make…` call; a request looks its
    /// handles up here instead.
    private let counters = Mutex<[[String]: Counter]>([:])
    private let histograms = Mutex<[[String]: DurationHistogram]>([:])

    /// Creates the metrics in a fresh registry.
    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
    }

    /// Counts a finished HTTP request (`parapet_requests_total{route,status}`).
    public func request(route: String, status: Int) {
        counter(Self.requests, [("route", route), ("status", String(status))]).increment()
    }

    /// Counts a decision by action and each distinct finding category, and times its scan.
    public func decision(_ decision: Decision, direction: Direction) {
        let dir = direction.rawValue
        counter(Self.decisions, [("direction", dir), ("action", decision.action.rawValue)]).increment()
        for category in decision.findings.isEmpty ? [] : Set(decision.findings.map(\.category.rawValue)).sorted() {
            counter(Self.categories, [("direction", dir), ("category", category)]).increment()
        }
        if let total = decision.timings["total"] {
            histogram(Self.scanDuration, [("direction", dir)]).recordNanoseconds(Int64(total * 1000))
        }
        // Visible also when the policy lets a failing scanner through (`on_scanner_error: allow`).
        for error in decision.errors {
            counter(Self.scannerErrors, [("scanner", error.scanner), ("code", error.code)]).increment()
        }
    }

    /// Times one upstream call (`parapet_upstream_duration_seconds{route}`).
    public func upstream(route: String, duration: Duration) {
        histogram(Self.upstreamDuration, [("route", route)]).record(duration)
    }

    /// Counts an upstream failure by code (`parapet_upstream_errors_total{code}`).
    public func upstreamError(code: String) {
        counter(Self.upstreamErrors, [("code", code)]).increment()
    }

    /// Counts a policy reload attempt (`parapet_policy_reloads_total{result}`).
    public func reload(succeeded: Bool) {
        counter(Self.reloads, [("result", succeeded ? "ok" : "refused")]).increment()
    }

    /// The counter of `metric` with `labels`, made in the registry the first time.
    private func counter(_ metric: Metric, _ labels: [(String, String)]) -> Counter {
        Self.handle(in: counters, metric, labels) { registry.makeCounter(name: metric.name, labels: labels, help: metric.help) }
    }

    /// The histogram of `metric` with `labels` and the latency buckets, made the first time.
    private func histogram(_ metric: Metric, _ labels: [(String, String)]) -> DurationHistogram {
        Self.handle(in: histograms, metric, labels) {
            registry.makeDurationHistogram(name: metric.name, labels: labels, buckets: Self.latencyBuckets, help: metric.help)
        }
    }

    /// The handle `cache` holds for `metric` and the label values, or `make()`'s, then kept.
    /// The registry returns the same handle for the same name and labels, so two requests that
    /// race here store one handle twice.
    private static func handle<Handle: Sendable>(
        in cache: borrowing Mutex<[[String]: Handle]>, _ metric: Metric, _ labels: [(String, String)], make: () -> Handle
    ) -> Handle {
        let key = [metric.name] + labels.map(\.1)
        if let known = cache.withLock({ $0[key] }) { return known }
        let made = make()
        cache.withLock { $0[key] = made }
        return made
    }

    /// The Prometheus text exposition of every metric.
    public func render() -> String { registry.emitToString() }
}
