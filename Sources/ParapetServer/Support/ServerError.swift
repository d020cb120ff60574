/// A server start-up or configuration error with a stable code.
public struct ServerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Stable codes.
    public enum Code: String, Sendable, Hashable {
        /// Not loopback and no client keys.
        case insecureListen = "insecure_listen"
        /// A bad value in the configuration file or flags.
        case badConfig = "bad_config"
        /// A policy failed to load.
        case badPolicy = "bad_policy"
    }

    /// The stable code.
    public var code: Code
    /// What is wrong.
    public var message: String
    /// Where: a config key, a file:line, or a flag.
    public var location: String

    /// Creates an error.
    public init(code: Code, message: String, location: String) {
        self.code = code
        self.message = message
        self.location = location
    }

    /// `location: error[code]: message`.
    public var description: String { "\(location): error[\(code.rawValue)]: \(message)" }
}
