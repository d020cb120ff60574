import Foundation
import ParapetCore

/// Flattens events into CSV rows (RFC 4180 quoting), one event per row.
public enum AuditCSV {
    /// The header row.
    public static let header = [
        "id", "time", "chain", "seq", "hash", "request_id", "conversation_id", "route", "model", "direction", "policy",
        "policy_digest", "action", "would_be", "categories", "rules", "findings", "text_mode", "text_hash",
        "latency_us", "error", "client", "location", "role",
    ]

    /// The row for one chained event.
    public static func row(_ item: ChainedEvent) -> [String] {
        let event = item.event
        return [
            event.id, AuditClock.iso(event.timeMicros), item.chain, String(item.seq), item.hash, event.requestID ?? "",
            event.conversationID ?? "", event.route ?? "", event.model ?? "", event.direction.rawValue, event.policy,
            event.policyDigest, event.action.rawValue, event.wouldBe.rawValue, event.categories.joined(separator: " "),
            event.rules.map(\.rule).joined(separator: " "),
            event.findings.map { "\($0.category)@\($0.start)-\($0.end)" }.joined(separator: " "),
            event.text?.mode ?? "none", event.text?.hash ?? "", event.latencyMicros.map(String.init) ?? "", event.error ?? "",
            event.client ?? "", event.location ?? "", event.role ?? "",
        ]
    }

    /// One CSV line (without the line end).
    public static func line(_ fields: [String]) -> String {
        fields.map { field in
            // A leading =, +, - or @ would be a formula in a spreadsheet: quote it with a tick.
            var value = field
            if let first = value.first, "=+-@".contains(first) { value = "'" + value }
            guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
                return value
            }
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",")
    }
}
