import Foundation
import PostgresNIO

extension PostgresAuditStore {
    /// Client configuration from `postgres://user[:password]@host[:port]/database[?host=/dir&sslmode=…]`.
    static func configuration(from raw: String) throws -> PostgresClient.Configuration {
        guard let components = URLComponents(string: raw), ["postgres", "postgresql"].contains(components.scheme ?? "") else {
            throw AuditError(code: "bad_url", message: "expected postgres://user@host[:port]/database", location: redacted(raw))
        }
        let username = components.user?.removingPercentEncoding ?? "postgres"
        let password = components.password?.removingPercentEncoding
        let database = components.path.isEmpty || components.path == "/" ? nil : String(components.path.dropFirst())
        let items = components.queryItems ?? []
        if let socketDirectory = items.first(where: { $0.name == "host" })?.value, socketDirectory.hasPrefix("/") {
            let port = components.port ?? 5432
            return PostgresClient.Configuration(
                unixSocketPath: "\(socketDirectory)/.s.PGSQL.\(port)", username: username, password: password,
                database: database)
        }
        let sslmode = items.first(where: { $0.name == "sslmode" })?.value ?? "disable"
        let tls: PostgresClient.Configuration.TLS
        switch sslmode {
        case "disable": tls = .disable
        case "prefer": tls = .prefer(.makeClientConfiguration())
        case "require", "verify-full": tls = .require(.makeClientConfiguration())
        default:
            throw AuditError(code: "bad_url", message: "sslmode must be disable, prefer or require", location: redacted(raw))
        }
        return PostgresClient.Configuration(
            host: components.host ?? "localhost", port: components.port ?? 5432, username: username,
            password: password, database: database, tls: tls)
    }

    /// The `connect_timeout` URL parameter in whole seconds (1…3600), as libpq reads it; 10 when absent.
    static func connectTimeout(from raw: String) throws -> Int {
        guard let value = URLComponents(string: raw)?.queryItems?.first(where: { $0.name == "connect_timeout" })?.value else {
            return 10
        }
        guard let seconds = Int(value), (1...3600).contains(seconds) else {
            throw AuditError(code: "bad_url", message: "connect_timeout must be whole seconds from 1 to 3600", location: redacted(raw))
        }
        return seconds
    }

    /// The URL without its password, for messages.
    static func redacted(_ raw: String) -> String {
        guard var components = URLComponents(string: raw), components.password != nil else { return raw }
        components.password = "***"
        return components.string ?? raw
    }
}
