/// An audit trail error: a stable code, a message, and where (a store URL, a file and line).
public struct AuditError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Stable machine-readable code (`bad_url`, `torn_line`, `io_error`, `closed`, …).
    public var code: String
    /// Human-readable message.
    public var message: String
    /// The store or file (and line) the error is about.
    public var location: String

    /// Creates an error.
    public init(code: String, message: String, location: String) {
        self.code = code
        self.message = message
        self.location = location
    }

    /// `location: error[code] message`.
    public var description: String { "\(location): error[\(code)] \(message)" }
}
