public import ParapetAudit
public import ParapetCore

/// Records every proxy decision in an audit trail (``AuditSink``), masked as the trail's
/// ``DecisionEvent`` requires, before the response is sent.
///
/// A write that fails throws, so the server answers 503 `audit_unavailable` instead of an
/// unrecorded response (unless the sink was opened with `AuditFailureMode.continue`).
public struct AuditRecorder: DecisionRecorder {
    /// Where the events go.
    public let sink: any AuditSink
    /// What the trail keeps of rewritten texts.
    public let privacy: TextPrivacy

    /// Creates a recorder writing to `sink`.
    public init(sink: any AuditSink, privacy: TextPrivacy = .hash) {
        self.sink = sink
        self.privacy = privacy
    }

    /// Writes one decision and returns once it is durable.
    public func record(_ decision: Decision, context: DecisionContext) async throws {
        let audit = AuditContext(
            requestID: context.requestID, conversationID: context.conversationID, route: context.route,
            model: context.model, client: context.client, location: AuditLocation.location(context.location),
            role: AuditLocation.role(context.role), direction: context.direction,
            latencyMicros: Int64(context.latencyMicroseconds.rounded()), error: context.error)
        try await sink.record(DecisionEvent(decision: decision, context: audit, privacy: privacy))
    }
}
