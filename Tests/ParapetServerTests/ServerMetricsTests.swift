import Parapet
import Testing

@testable import ParapetServer

/// The metric handles the server keeps: the same series is counted on, never made twice, and
/// every metric keeps its name and help text.
@Suite struct ServerMetricsTests {
    @Test func repeatedCallsCountOnOneSeries() {
        let metrics = ServerMetrics()
        for _ in 0..<3 { metrics.request(route: "/v1/guard", status: 200) }
        metrics.request(route: "/v1/guard", status: 400)
        for _ in 0..<2 { metrics.upstream(route: "/v1/chat/completions", duration: .milliseconds(3)) }
        metrics.upstreamError(code: "timeout")
        metrics.upstreamError(code: "timeout")
        let text = metrics.render()
        #expect(text.contains(#"parapet_requests_total{route="/v1/guard",status="200"} 3"#))
        #expect(text.contains(#"parapet_requests_total{route="/v1/guard",status="400"} 1"#))
        #expect(text.contains(#"parapet_upstream_duration_seconds_count{route="/v1/chat/completions"} 2"#))
        #expect(text.contains(#"parapet_upstream_errors_total{code="timeout"} 2"#))
        #expect(text.contains("# HELP parapet_requests_total HTTP requests by route and status."))
        #expect(text.split(separator: "\n").filter { $0 == "# TYPE parapet_requests_total counter" }.count == 1)
    }

    @Test func decisionsWithoutFindingsCountNoCategory() {
        let metrics = ServerMetrics()
        metrics.decision(Decision(action: .allow, text: "hello"), direction: .input)
        let text = metrics.render()
        #expect(text.contains(#"parapet_decisions_total{direction="input",action="allow"} 1"#))
        #expect(!text.contains("parapet_decision_categories_total{"))
    }
}
