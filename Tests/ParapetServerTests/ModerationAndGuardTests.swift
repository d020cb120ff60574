import HTTPTypes
import NIOCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Parapet
import Testing

@testable import ParapetServer

@Suite("POST /v1/moderations, POST /v1/guard, health, readiness, metrics")
struct ModerationAndGuardTests {
    @Test("Moderations answer in OpenAI's shape from a regex-only policy, string or array input")
    func moderations() async throws {
        let server = try TestServer()
        let reply = try await server.test { client in
            try await client.post("/v1/moderations", json: .object([
                ("model", .string("omni-moderation-latest")),
                ("input", .array([.string("hello there"), .string("key \(FakeSecrets.awsKeyID)")])),
            ]))
        }
        #expect(reply.status == .ok)
        let results = try #require(reply.json["results"]?.arrayValue)
        #expect(results.count == 2)
        #expect(results[0]["flagged"] == .bool(false))
        #expect(results[1]["flagged"] == .bool(true))
        #expect(results[1]["parapet"]?["categories"] == .array([.string("secret.aws_access_key_id")]))
        for result in results {
            guard case .object(let categories) = result["categories"], case .object(let scores) = result["category_scores"] else {
                Issue.record("missing categories")
                continue
            }
            #expect(categories.map(\.key) == ModerationCategories.names)
            #expect(scores.map(\.key) == ModerationCategories.names)
        }
        #expect(server.upstream.received.isEmpty)
        let single = try await server.test { client in try await client.post("/v1/moderations", json: .object([("input", .string("hi"))])) }
        #expect(single.json["results"]?.arrayValue?.count == 1)
        #expect(single.json["model"] == .string("parapet-patterns"))
    }

    @Test("Classifier scores and flags map onto OpenAI's categories")
    func classifierMapping() {
        let decision = Decision(
            action: .block, text: nil,
            findings: [Finding(scanner: "c", category: "unsafe.weapons", range: 0..<4, score: 0.8, rule: "r")],
            scores: ["toxicity.hate": 0.91, "toxicity": 0.4, "injection": 0.99], flags: ["toxicity.hate": true, "toxicity": false])
        let result = ModerationCategories.result(for: decision, thresholds: [:])
        #expect(result["categories"]?["hate"] == .bool(true))
        #expect(result["category_scores"]?["hate"]?.doubleValue == 0.91)
        // The overall score does not stand in for a category when finer labels are there.
        #expect(result["categories"]?["harassment"] == .bool(false))
        #expect(result["category_scores"]?["harassment"]?.doubleValue == 0)
        #expect(result["categories"]?["illicit/violent"] == .bool(true))
        #expect(result["flagged"] == .bool(true))
        #expect(result["parapet"]?["scores"]?["injection"]?.doubleValue == 0.99)
    }

    /// The shipped bundle's labels (OpenAI moderation's categories for `toxicity`, MLCommons
    /// hazards for `unsafe`), each judged at its own threshold. Before 2026-12-02 the table knew
    /// other names, so all but `unsafe.self_harm` fell back to `illicit`, and only `harassment`
    /// and `illicit` could ever be flagged.
    @Test("The shipped bundle's labels flag their own OpenAI categories at their own thresholds")
    func shippedLabels() {
        let thresholds = [
            "toxicity": 0.35, "toxicity.self_harm": 0.3, "toxicity.harassment": 0.5, "toxicity.hate": 0.4,
            "unsafe": 0.9, "unsafe.indiscriminate_weapons": 0.7, "unsafe.violent_crimes": 0.6, "unsafe.child_exploitation": 0.223,
            "unsafe.sexual_content": 0.29, "unsafe.sex_crimes": 0.102, "toxicity.violence": 0.065,
        ]
        func result(_ scores: [String: Double], flags: [String: Bool]) -> JSONValue {
            ModerationCategories.result(for: Decision(action: .flag, text: "t", scores: scores, flags: flags), thresholds: thresholds)
        }
        let selfHarm = result(["toxicity": 0.9, "toxicity.self_harm": 0.82, "toxicity.harassment": 0.2], flags: ["toxicity": true])
        #expect(selfHarm["categories"]?["self-harm"] == .bool(true))
        #expect(selfHarm["categories"]?["harassment"] == .bool(false))
        #expect(selfHarm["category_scores"]?["self-harm"]?.doubleValue == 0.82)

        let hate = result(["toxicity": 0.99, "toxicity.hate": 1.0], flags: ["toxicity": true])
        #expect(hate["categories"]?["hate"] == .bool(true))

        // The task fired, no finer label reached its own threshold: its likeliest label's category.
        let weapon = result(
            ["unsafe": 0.99, "unsafe.indiscriminate_weapons": 0.6, "unsafe.violent_crimes": 0.3], flags: ["unsafe": true])
        #expect(weapon["categories"]?["illicit/violent"] == .bool(true))
        #expect(weapon["categories"]?["illicit"] == .bool(false))
        #expect(weapon["flagged"] == .bool(true))

        let minors = result(["unsafe": 0.95, "unsafe.child_exploitation": 0.67], flags: ["unsafe": true])
        #expect(minors["categories"]?["sexual/minors"] == .bool(true))
        #expect(minors["categories"]?["illicit"] == .bool(false))

        // Labels over their (recall-tuned, low) thresholds but under 0.5 are not flagged beside the
        // likeliest one (QA round 2: a text about adults came back `sexual/minors`).
        let adults = result(
            ["unsafe": 0.95, "unsafe.sexual_content": 0.9, "unsafe.child_exploitation": 0.3, "unsafe.sex_crimes": 0.2], flags: ["unsafe": true])
        #expect(adults["categories"]?["sexual"] == .bool(true))
        #expect(adults["categories"]?["sexual/minors"] == .bool(false))
        #expect(adults["categories"]?["illicit/violent"] == .bool(false))

        // A task that does not fire flags nothing, whatever its labels' own thresholds say.
        let quiet = result(["toxicity": 0.1, "toxicity.violence": 0.2, "toxicity.harassment": 0.16], flags: ["toxicity": false])
        #expect(quiet["flagged"] == .bool(false))
        #expect(quiet["category_scores"]?["violence"]?.doubleValue == 0.2)

        let benign = result(["toxicity": 0.01, "toxicity.hate": 0.01, "unsafe": 0.02], flags: ["toxicity": false, "unsafe": false])
        #expect(benign["flagged"] == .bool(false))
        #expect(ModerationCategories.names.allSatisfy { benign["categories"]?[$0] == .bool(false) })
    }

    @Test("A moderation request with more inputs than the limit is refused")
    func tooManyInputs() async throws {
        let server = try TestServer()
        let items = JSONValue.array(Array(repeating: .string("x"), count: GuardServer.maxModerationInputs + 1))
        let reply = try await server.test { client in
            try await client.post("/v1/moderations", json: .object([("input", items)]))
        }
        #expect(reply.status == .badRequest)
        #expect(reply.json["error"]?["param"] == .string("input"))
        let fine = try await server.test { client in
            try await client.post("/v1/moderations", json: .object([("input", .array(Array(repeating: .string("x"), count: 3)))]))
        }
        #expect(fine.json["results"]?.arrayValue?.count == 3)
        #expect(fine.json["model"] == .string("parapet-patterns"))
        for body in [JSONValue.object([("input", .array([]))]), .object([("input", .string("x")), ("model", .number("7"))])] {
            let refused = try await server.test { client in try await client.post("/v1/moderations", json: body) }
            #expect(refused.status == .badRequest)
        }
    }

    @Test("A failing scanner is counted in the metrics, also when the policy lets the text through")
    func scannerErrorsAreCounted() {
        let metrics = ServerMetrics()
        let error = ScannerError(scanner: "guard", code: "text_too_long", message: "m")
        metrics.decision(Decision(action: .allow, text: "t", errors: [error]), direction: .input)
        #expect(metrics.render().contains(#"parapet_scanner_errors_total{scanner="guard",code="text_too_long"} 1"#))
    }

    @Test("POST /v1/guard returns the Decision as JSON")
    func guardRoute() async throws {
        let server = try TestServer()
        let reply = try await server.test { client in
            try await client.post("/v1/guard", json: .object([("text", .string("mail ann@corp.example")), ("direction", .string("output"))]))
        }
        #expect(reply.status == .ok)
        let decision = try JSONDecoder().decode(Decision.self, from: Data(reply.body.readableBytesView))
        #expect(decision.action == .rewrite)
        #expect(decision.text == "mail <EMAIL>")
        #expect(decision.policy == "patterns")
        let missing = try await server.test { client in
            try await client.post("/v1/guard", json: .object([("text", .string("x")), ("policy", .string("nope"))]))
        }
        #expect(missing.status == .notFound)
        #expect(missing.json["error"]?["code"] == .string("policy_not_found"))
        let bad = try await server.test { client in
            try await client.post("/v1/guard", json: .object([("text", .string("x")), ("direction", .string("sideways"))]))
        }
        #expect(bad.status == .badRequest)
    }

    @Test("POST /v1/guard refuses fields of the wrong type instead of using defaults", arguments: ["policy", "direction", "role", "conversation"])
    func guardFieldTypes(field: String) async throws {
        let server = try TestServer()
        let reply = try await server.test { client in
            try await client.post("/v1/guard", json: .object([("text", .string("mail ann@corp.example")), (field, .int(5))]))
        }
        #expect(reply.status == .badRequest)
        #expect(reply.json["error"]?["param"] == .string(field))
        let null = try await server.test { client in
            try await client.post("/v1/guard", json: .object([("text", .string("mail ann@corp.example")), (field, .null)]))
        }
        #expect(null.status == .ok)  // null is as if absent
    }

    @Test("Unknown routes answer OpenAI's error JSON")
    func unknownRoutesAnswerOpenAIErrorJSON() async throws {
        let server = try TestServer()
        try await server.test { client in
            for (uri, method) in [("/nope", HTTPRequest.Method.get), ("/healthz", .post), ("/v1/chat/completions", .get)] {
                let response = try await client.execute(uri: uri, method: method)
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "application/json")
                #expect(response.json["error"]?["code"] == .string("not_found"))
                #expect(response.json["error"]?["message"] == .string("No route for \(method.rawValue) \(uri)."))
            }
        }
    }

    @Test("Health, readiness and Prometheus metrics")
    func healthAndMetrics() async throws {
        let server = try TestServer()
        try await server.test { client in
            #expect(try await client.execute(uri: "/healthz", method: .get).json["status"] == .string("ok"))
            #expect(try await client.execute(uri: "/healthz", method: .head).status == .ok)
            #expect(try await client.execute(uri: "/readyz", method: .head).status == .ok)
            #expect(try await client.execute(uri: "/readyz", method: .get).json["policy_generation"] == .int(1))
            _ = try await client.post("/v1/chat/completions", json: chatBody([("user", "mail ann@corp.example")]))
            _ = try await client.post("/v1/chat/completions", json: chatBody([("user", "key \(FakeSecrets.awsKeyID)")]))
            let metrics = try await client.execute(uri: "/metrics", method: .get)
            let text = String(buffer: metrics.body)
            #expect(metrics.headers[.contentType]?.hasPrefix("text/plain") == true)
            #expect(text.contains(#"parapet_requests_total{route="/v1/chat/completions",status="200"} 1"#))
            #expect(text.contains(#"parapet_requests_total{route="/v1/chat/completions",status="400"} 1"#))
            #expect(text.contains(#"parapet_decisions_total{direction="input",action="block"} 1"#))
            #expect(text.contains(#"parapet_decision_categories_total{direction="input",category="pii.email"} 1"#))
            #expect(text.contains("parapet_scan_duration_seconds_bucket"))
            #expect(text.contains("parapet_upstream_duration_seconds_bucket"))
        }
    }
}
