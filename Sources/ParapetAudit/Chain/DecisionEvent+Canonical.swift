import ParapetCore
import Crypto
import Foundation

extension DecisionEvent {
    /// The event's canonical JSON: fixed field order, absent optionals left out. This is what
    /// stores keep as the event body and what its chain hash covers.
    public func canonicalJSON() -> [UInt8] {
        var json = CanonicalJSON()
        json.beginObject()
        json.key("v"); json.value(version)
        json.key("id"); json.value(id)
        json.key("time_us"); json.value(timeMicros)
        json.field("request_id", requestID)
        json.field("conversation_id", conversationID)
        json.field("route", route)
        json.field("model", model)
        json.field("client", client)
        json.field("location", location)
        json.field("role", role)
        json.key("direction"); json.value(direction.rawValue)
        json.key("policy"); json.value(policy)
        json.key("policy_digest"); json.value(policyDigest)
        json.key("action"); json.value(action.rawValue)
        json.key("would_be"); json.value(wouldBe.rawValue)
        json.key("findings"); json.beginArray()
        for finding in findings {
            json.beginObject()
            json.key("category"); json.value(finding.category)
            json.key("scanner"); json.value(finding.scanner)
            json.key("rule"); json.value(finding.rule)
            json.key("score"); json.value(finding.score)
            json.key("start"); json.value(finding.start)
            json.key("end"); json.value(finding.end)
            json.endObject()
        }
        json.endArray()
        json.key("rules"); json.beginArray()
        for rule in rules {
            json.beginObject()
            json.key("rule"); json.value(rule.rule)
            json.key("action"); json.value(rule.action.rawValue)
            json.key("findings"); json.beginArray()
            for index in rule.findings { json.value(index) }
            json.endArray()
            json.endObject()
        }
        json.endArray()
        json.key("scores"); json.beginObject()
        for (task, score) in scores.sorted(by: { $0.key < $1.key }) { json.key(task); json.value(score) }
        json.endObject()
        if let text {
            json.key("text"); json.beginObject()
            json.key("mode"); json.value(text.mode)
            json.field("hash", text.hash)
            json.field("value", text.value)
            json.endObject()
        }
        json.field("latency_us", latencyMicros)
        json.field("error", error)
        json.key("scanner_errors"); json.beginArray()
        for scannerError in scannerErrors { json.value(scannerError) }
        json.endArray()
        json.endObject()
        return json.bytes
    }

    /// Decodes an event from its stored JSON body.
    /// - Throws: ``AuditError`` `bad_event` when the body is not a valid event.
    public static func decode(body: some Collection<UInt8>, location: String) throws -> DecisionEvent {
        do {
            return try JSONDecoder().decode(DecisionEvent.self, from: Data(body))
        } catch {
            throw AuditError(code: "bad_event", message: "event body is not a valid decision event", location: location)
        }
    }

    /// SHA-256 of the canonical JSON, in hex.
    public var contentDigest: String { Self.digest(canonical: canonicalJSON()) }

    /// SHA-256 of an event's canonical JSON, in hex: what its link hash covers.
    static func digest(canonical: [UInt8]) -> String { Hex.lowercase(SHA256.hash(data: canonical)) }
}
