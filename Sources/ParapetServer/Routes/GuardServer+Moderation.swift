import Foundation
import Hummingbird
import Parapet
import HTTPTypes
import NIOCore

extension GuardServer {
    /// The most texts one moderation request may carry.
    static let maxModerationInputs = 2_048

    /// `POST /v1/moderations`: OpenAI's request and response shape, answered by the policy's
    /// scanners (input direction) without calling the upstream.
    func moderations(_ request: Request, context: ParapetRequestContext) async throws -> Response {
        let start = ContinuousClock.now
        let route = ProxyRoute.moderations.rawValue
        let body = try await readJSON(request)
        let texts: [String]
        switch body["input"] {
        case .string(let text): texts = [text]
        case .array(let items) where items.isEmpty:
            throw OpenAIError.invalidRequest("'input' must not be empty.", param: "input")
        case .array(let items):
            // Each input gets a result of its own (about 700 bytes): 1.5 MB of one-letter inputs
            // made a 197 MB answer before 2026-12-02.
            guard items.count <= Self.maxModerationInputs else {
                throw OpenAIError.invalidRequest(
                    "'input' has \(items.count) items; at most \(Self.maxModerationInputs) are accepted.", param: "input")
            }
            texts = try items.map { item in
                if let text = item.stringValue { return text }
                if item["type"]?.stringValue == "text", let text = item["text"]?.stringValue { return text }
                throw OpenAIError.invalidRequest("Each input must be a string or a text part; images are not scanned.", param: "input")
            }
        default: throw OpenAIError.invalidRequest("'input' must be a string or an array.", param: "input")
        }
        if let given = body["model"], given.stringValue == nil, given != .null {
            throw OpenAIError.invalidRequest("'model' must be a string.", param: "model")
        }
        let model = body["model"]?.stringValue
        let (policyName, guardrail) = try guardrail(route: route, model: model)
        let conversation = "moderation-\(context.id)"
        defer { policies.vault.forget(conversation: conversation) }
        let thresholds = guardrail.policy.defaultThresholds
        var results: [JSONValue] = []
        var parts: [ScannedPart] = []
        // All the inputs draw from one classifier budget.
        withClassifierBudget {
            for (index, text) in texts.enumerated() {
                let decision = guardrail.checkInput(text, conversation: conversation)
                parts.append(ScannedPart(location: "input[\(index)]", role: "user", direction: .input, decision: decision))
                results.append(ModerationCategories.result(for: decision, thresholds: thresholds))
            }
        }
        let base = DecisionContext(
            requestID: context.id, conversationID: conversation, route: route, model: model, policy: policyName,
            direction: .input, location: "", role: "", client: context.client, latencyMicroseconds: 0)
        try await record(parts, base: base, start: start)
        return ServerResponses.json(.object([
            ("id", .string("modr-\(context.id)")),
            // The policy's own name, never the path it was loaded from.
            ("model", .string(model ?? "parapet-\(guardrail.policy.name)")),
            ("results", .array(results)),
        ]))
    }

    /// `POST /v1/guard`: `{"text", "direction"?, "policy"?, "role"?, "conversation"?}` → the Decision as JSON.
    func guardText(_ request: Request, context: ParapetRequestContext) async throws -> Response {
        let start = ContinuousClock.now
        let route = ProxyRoute.guardText.rawValue
        let body = try await readJSON(request)
        guard let text = body["text"]?.stringValue else { throw OpenAIError.invalidRequest("'text' must be a string.", param: "text") }
        let directionName = try Self.optionalString(body, "direction") ?? "input"
        guard let direction = Direction(rawValue: directionName) else {
            throw OpenAIError.invalidRequest("'direction' must be input or output.", param: "direction")
        }
        let policyName = try Self.optionalString(body, "policy") ?? configuration.policyName(route: route, model: nil)
        guard let guardrail = policies.guardrail(policyName) else {
            throw OpenAIError(status: 404, message: "Policy '\(policyName)' is not loaded.", type: "invalid_request_error",
                              code: "policy_not_found", param: "policy")
        }
        let scope = ConversationScope(
            supplied: try Self.optionalString(body, "conversation"), client: context.client, automatic: "guard-\(context.id)")
        defer { if scope.isAutomatic { policies.vault.forget(conversation: scope.vaultKey) } }
        let role = try Self.optionalString(body, "role") ?? (direction == .input ? "user" : "assistant")
        let decision = guardrail.check(ScanInput(text: text, direction: direction, role: role, conversationID: scope.vaultKey))
        let base = DecisionContext(
            requestID: context.id, conversationID: scope.id, route: route, model: nil, policy: policyName,
            direction: direction, location: "text", role: role, client: context.client, latencyMicroseconds: 0)
        try await record([ScannedPart(location: "text", role: role, direction: direction, decision: decision)], base: base, start: start)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(decision)
        return ServerResponses.bytes(Array(data), status: 200, contentType: "application/json")
    }

    /// The string field `key`, nil when absent or null; any other type is the client's error
    /// (a `"policy": 5` must not fall back to the default policy).
    static func optionalString(_ body: JSONValue, _ key: String) throws(OpenAIError) -> String? {
        guard let value = body[key], value != .null else { return nil }
        guard let string = value.stringValue else { throw OpenAIError.invalidRequest("'\(key)' must be a string.", param: key) }
        return string
    }
}
