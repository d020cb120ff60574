import Foundation
public import Hummingbird
public import Logging

extension GuardServer {
    /// Builds the Hummingbird application listening on the configured host and port.
    /// - Throws: ``ServerError`` `insecure_listen` when the configuration would listen beyond
    ///   loopback without client keys.
    public func buildApplication(logger: Logger) throws(ServerError) -> some ApplicationProtocol {
        try configuration.validate()
        return Application(
            router: buildRouter(),
            server: .http1(additionalChannelHandlers: [MalformedRequestHandler()]),
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port), serverName: "parapet"),
            logger: logger)
    }

    /// Runs the server and the policy reloader until SIGTERM or SIGINT (log level from
    /// `LOG_LEVEL`, default `info`).
    public func run(logger: Logger? = nil) async throws {
        let logger = logger ?? Self.defaultLogger()
        let app = try buildApplication(logger: logger)
        let reloader = PolicyReloader(store: policies, interval: configuration.reloadInterval, metrics: metrics, logger: logger)
        logger.info("parapet serve", metadata: [
            "listen": "\(configuration.host):\(configuration.port)",
            "upstream": "\(Self.redacted(configuration.upstreamURL))",
            "policy": "\(configuration.defaultPolicy)",
            "client_keys": "\(configuration.clientKeys.entries.count)",
        ])
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await reloader.run() }
            group.addTask { try await app.runService() }
            // The server ends first (on a signal); then stop the reloader.
            _ = try await group.next()
            group.cancelAll()
        }
    }

    static func defaultLogger() -> Logger {
        var logger = Logger(label: "parapet")
        logger.logLevel = configuredLogLevel
        // An unknown value is said, not silently taken as `info`.
        if let wanted = ProcessInfo.processInfo.environment["LOG_LEVEL"], Logger.Level(rawValue: wanted.lowercased()) == nil {
            logger.warning("LOG_LEVEL '\(wanted)' is not a level (trace, debug, info, notice, warning, error, critical); using info")
        }
        return logger
    }

    /// `LOG_LEVEL` in any letter case (`TRACE`), else `info`: every logger of the server uses it.
    static var configuredLogLevel: Logger.Level {
        ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? .info
    }

    /// A URL with any user:password removed, for logs.
    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url) else { return "<unparseable URL>" }
        if components.user != nil || components.password != nil {
            components.user = nil
            components.password = nil
        }
        components.query = nil
        return components.string ?? "<unparseable URL>"
    }
}
