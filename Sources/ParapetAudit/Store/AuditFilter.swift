import ParapetCore
/// Which events a read wants: time range, action, category, policy, request id.
public struct AuditFilter: Sendable, Hashable {
    /// Only events at or after this time (microseconds since the epoch).
    public var fromMicros: Int64?
    /// Only events before this time.
    public var toMicros: Int64?
    /// Only events with this action.
    public var action: String?
    /// Only events with a finding in this category: a name, `prefix.*` or `*`.
    public var category: String?
    /// Only events of this policy (by name).
    public var policy: String?
    /// Only events of this request.
    public var requestID: String?

    /// Creates a filter; `nil` fields do not filter.
    public init(
        fromMicros: Int64? = nil, toMicros: Int64? = nil, action: String? = nil, category: String? = nil,
        policy: String? = nil, requestID: String? = nil
    ) {
        self.fromMicros = fromMicros
        self.toMicros = toMicros
        self.action = action
        self.category = category
        self.policy = policy
        self.requestID = requestID
    }

    /// Whether an event passes (the reference every store's query must agree with).
    public func matches(_ event: DecisionEvent) -> Bool {
        if let fromMicros, event.timeMicros < fromMicros { return false }
        if let toMicros, event.timeMicros >= toMicros { return false }
        if let action, event.action.rawValue != action { return false }
        if let policy, event.policy != policy { return false }
        if let requestID, event.requestID != requestID { return false }
        if let category, !event.findings.contains(where: { Self.category($0.category, matches: category) }) { return false }
        return true
    }

    /// Exact name, `*`, or `prefix.*` (which matches `prefix.x`, not `prefix`).
    static func category(_ name: String, matches pattern: String) -> Bool {
        if pattern == "*" || pattern == name { return true }
        if pattern.hasSuffix(".*") { return name.hasPrefix(String(pattern.dropLast())) }
        return false
    }

    /// Whether the filter is `*`: any finding at all (the categories column is more than `,`).
    var anyCategory: Bool { category == "*" }

    /// The needle for the stores' `,a,b,` categories column: `,name,` or `,prefix.` (nil for `*`).
    var categoryNeedle: String? {
        guard let category, category != "*" else { return nil }
        return category.hasSuffix(".*") ? "," + category.dropLast() : "," + category + ","
    }
}
