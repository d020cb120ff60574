public import Parapet

/// Where the server hands every decision, with the request it belongs to. The audit trail
/// plugs in here; the server awaits `record` before it sends the response (or, for streams,
/// the final chunk), so a decision is never lost to an early reply.
///
/// A recorder that throws fails the request (fail closed): the client gets a 503
/// `audit_unavailable` error instead of an answer whose decision was not recorded (a stream
/// ends with that error event). A recorder that must never fail requests swallows its errors.
public protocol DecisionRecorder: Sendable {
    /// Records one decision.
    func record(_ decision: Decision, context: DecisionContext) async throws
}

/// What a recorded decision belongs to.
public struct DecisionContext: Sendable, Hashable {
    /// A unique id per HTTP request (also sent back as `x-request-id`).
    public var requestID: String
    /// The conversation whose pseudonyms the request used.
    public var conversationID: String
    /// The route (`/v1/chat/completions`, `/v1/moderations`, `/v1/guard`).
    public var route: String
    /// The requested model, if any.
    public var model: String?
    /// The policy's name.
    public var policy: String
    /// Input or output.
    public var direction: Direction
    /// Where in the body the text was (`messages[1].content`), and its role.
    public var location: String
    /// The text's role (`user`, `tool`, `document`, `assistant`, …).
    public var role: String
    /// The client key's name, when keys are configured.
    public var client: String?
    /// Microseconds from the start of the request to this decision.
    public var latencyMicroseconds: Double
    /// An upstream or stream error that ended the request, if any.
    public var error: String?

    /// Creates a context.
    public init(
        requestID: String, conversationID: String, route: String, model: String?, policy: String, direction: Direction,
        location: String, role: String, client: String?, latencyMicroseconds: Double, error: String? = nil
    ) {
        self.requestID = requestID
        self.conversationID = conversationID
        self.route = route
        self.model = model
        self.policy = policy
        self.direction = direction
        self.location = location
        self.role = role
        self.client = client
        self.latencyMicroseconds = latencyMicroseconds
        self.error = error
    }
}

/// Records nothing (the default when no audit sink is wired).
public struct DiscardingRecorder: DecisionRecorder {
    /// Creates the recorder.
    public init() {}
    /// Does nothing.
    public func record(_ decision: Decision, context: DecisionContext) async throws {}
}

/// Calls a closure for every decision (tests, custom sinks).
public struct ClosureRecorder: DecisionRecorder {
    private let body: @Sendable (Decision, DecisionContext) async throws -> Void

    /// Wraps a closure.
    public init(_ body: @escaping @Sendable (Decision, DecisionContext) async throws -> Void) { self.body = body }

    /// Calls the closure.
    public func record(_ decision: Decision, context: DecisionContext) async throws { try await body(decision, context) }
}
