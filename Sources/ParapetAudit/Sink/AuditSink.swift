/// Where a guard sends its decisions. `record` returns only once the event is durable.
///
/// The proxy and the CLI hold one sink per process; it is safe to call from many tasks at once.
public protocol AuditSink: Sendable {
    /// Records an event; returns once it is durably stored (its batch committed).
    /// - Throws: the store's error when the write failed and the sink is set to fail requests.
    func record(_ event: DecisionEvent) async throws
    /// Returns once every event recorded before the call is durable.
    func flush() async throws
    /// Flushes, then releases the store. Later `record` calls throw `closed`.
    func close() async throws
}

/// What a sink does when its store cannot write a batch.
public enum AuditFailureMode: String, Sendable, Hashable, CaseIterable {
    /// `record` throws, so the caller fails the request: no answered request lacks its decision.
    case fail
    /// `record` logs the error and returns: requests are answered, their decisions are lost.
    case `continue`
}
