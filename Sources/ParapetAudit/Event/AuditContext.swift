public import ParapetCore

/// What the caller knows about a request that a ``Decision`` does not: ids, route, model, timing.
///
/// `error` must be a code or message of Parapet's own (`upstream_timeout: no answer in 30s`),
/// never user text: it is stored as given.
public struct AuditContext: Sendable, Hashable {
    /// The request id (proxy request id, scan record id, …).
    public var requestID: String?
    /// The conversation id.
    public var conversationID: String?
    /// The route or command (`/v1/chat/completions`, `cli.check`).
    public var route: String?
    /// The model the request was for.
    public var model: String?
    /// The name of the client key that authenticated the request (the proxy with keys), never the key.
    public var client: String?
    /// Where in the request or answer the text was (`messages[1].content`); never a user's or a
    /// model's text (the proxy leaves out the path inside tool-call arguments, made of the model's keys).
    public var location: String?
    /// The role of the message the text was in (`user`, `tool`, `assistant`), if any.
    public var role: String?
    /// Input or output.
    public var direction: Direction
    /// Time from request to decision, in microseconds; `nil` to take the decision's `total` timing.
    public var latencyMicros: Int64?
    /// The request's error, if it failed (a code and message, never user text).
    public var error: String?
    /// When the decision was made, in microseconds since the epoch; `nil` for now.
    public var timeMicros: Int64?

    /// Creates a context.
    public init(
        requestID: String? = nil, conversationID: String? = nil, route: String? = nil, model: String? = nil,
        client: String? = nil, location: String? = nil, role: String? = nil, direction: Direction,
        latencyMicros: Int64? = nil, error: String? = nil, timeMicros: Int64? = nil
    ) {
        self.client = client
        self.location = location
        self.role = role
        self.requestID = requestID
        self.conversationID = conversationID
        self.route = route
        self.model = model
        self.direction = direction
        self.latencyMicros = latencyMicros
        self.error = error
        self.timeMicros = timeMicros
    }
}
