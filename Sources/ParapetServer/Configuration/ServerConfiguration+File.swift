import Foundation
import Parapet
import Yams

extension ServerConfiguration {
    /// The environment variable holding client keys in clear, comma-separated (hashed on load).
    public static let clientKeysVariable = "PARAPET_CLIENT_KEYS"
    /// The environment variable read for the upstream key when the file names none.
    public static let upstreamKeyVariable = "PARAPET_UPSTREAM_API_KEY"

    /// Reads a configuration file (YAML; see docs/server.md), then the environment.
    /// - Throws: ``ServerError`` `bad_config` naming the key at fault.
    public static func load(file: String?, environment: [String: String]) throws(ServerError) -> ServerConfiguration {
        var config = ServerConfiguration()
        var upstreamKeyVariable = Self.upstreamKeyVariable
        if let file {
            let root = try Self.readYAML(file)
            var reader = try ConfigReader(root: root, file: file)
            if let listen = try reader.string("listen") { try config.setListen(listen) }
            if let upstream = try reader.section("upstream") {
                var up = try ConfigReader(root: upstream, file: file, prefix: "upstream.")
                config.upstreamURL = try up.string("url") ?? config.upstreamURL
                upstreamKeyVariable = try up.string("api_key_env") ?? upstreamKeyVariable
                config.upstreamTimeout = try up.double("timeout_seconds") ?? config.upstreamTimeout
                try up.finish()
            }
            if let policies = try reader.section("policies") {
                var section = try ConfigReader(root: policies, file: file, prefix: "policies.")
                config.defaultPolicy = try section.string("default") ?? config.defaultPolicy
                config.policyDirectories = try section.strings("directories") ?? config.policyDirectories
                config.routePolicies = try section.stringMap("routes") ?? [:]
                // A misspelt route (`/v1/moderation`) would silently fall back to the default policy.
                if let unknown = config.routePolicies.keys.sorted().first(where: { ProxyRoute(rawValue: $0) == nil }) {
                    throw ServerError(
                        code: .badConfig,
                        message: "unknown route '\(unknown)' (routes: \(ProxyRoute.allCases.map(\.rawValue).joined(separator: ", ")))",
                        location: "\(file): policies.routes.\(unknown)")
                }
                config.modelPolicies = try section.stringMap("models") ?? [:]
                config.reloadInterval = try section.double("reload_interval_seconds") ?? config.reloadInterval
                try section.finish()
            }
            for (index, entry) in (try reader.list("keys") ?? []).enumerated() {
                var key = try ConfigReader(root: entry, file: file, prefix: "keys[\(index)].")
                let name = try key.string("name") ?? "key\(index)"
                guard let digest = try key.string("sha256") else {
                    throw ServerError(code: .badConfig, message: "missing sha256", location: "\(file): keys[\(index)]")
                }
                try config.clientKeys.add(name: name, sha256Hex: digest)
                try key.finish()
            }
            if let scan = try reader.section("scan") {
                var section = try ConfigReader(root: scan, file: file, prefix: "scan.")
                if let roles = try section.strings("roles") { config.scan.roles = Set(roles) }
                config.scan.scanSystem = try section.bool("system") ?? config.scan.scanSystem
                config.scan.scanDocuments = try section.bool("documents") ?? config.scan.scanDocuments
                config.scan.scanToolArguments = try section.bool("tool_arguments") ?? config.scan.scanToolArguments
                config.scan.holdback = try section.int("holdback_bytes") ?? config.scan.holdback
                try section.finish()
            }
            if let pseudonyms = try reader.section("pseudonyms") {
                var section = try ConfigReader(root: pseudonyms, file: file, prefix: "pseudonyms.")
                // Out-of-range values are kept as given for `validate()` to name.
                if let count = try section.int("max_conversations") { config.pseudonymLimits.maxConversations = count }
                if let seconds = try section.double("idle_timeout_seconds") {
                    // Out of range (a Duration cannot hold 1e300 s): kept as -1 s for `validate()` to refuse.
                    let valid = seconds.isFinite && seconds >= 0 && seconds <= ServerConfiguration.longestWait
                    config.pseudonymLimits.idleTimeout = seconds == 0 ? nil : .seconds(valid ? seconds : -1)
                }
                try section.finish()
            }
            config.maxBodyBytes = try reader.int("max_body_bytes") ?? config.maxBodyBytes
            config.classifierRequestTokens = try reader.int("classifier_request_tokens") ?? config.classifierRequestTokens
            try reader.finish()
        }
        config.upstreamAPIKey = environment[upstreamKeyVariable].flatMap { $0.isEmpty ? nil : $0 }
        for (index, key) in (environment[clientKeysVariable] ?? "").split(separator: ",").enumerated() {
            let trimmed = key.trimmingCharacters(in: .whitespaces)
            if !trimmed.isEmpty { try config.clientKeys.add(name: "env\(index)", plaintext: trimmed) }
        }
        return config
    }

    static func readYAML(_ file: String) throws(ServerError) -> Any {
        guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
            throw ServerError(code: .badConfig, message: "cannot read the configuration file", location: file)
        }
        if let refusal = YAMLPrecheck.refusal(text) {
            throw ServerError(code: .badConfig, message: "YAML: \(refusal)", location: file)
        }
        do {
            return try Yams.load(yaml: text) ?? [String: Any]()
        } catch YamlError.duplicatedKeysInMapping(let duplicates, let context) {
            throw ServerError(code: .badConfig, message: "YAML: duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", "))",
                              location: location(context.mark, in: text, file: file))
        } catch YamlError.scanner(_, let problem, let mark, _), YamlError.parser(_, let problem, let mark, _),
            YamlError.composer(_, let problem, let mark, _)
        {
            throw ServerError(code: .badConfig, message: "YAML: \(problem)", location: location(mark, in: text, file: file))
        } catch {
            throw ServerError(code: .badConfig, message: "YAML: \(error)", location: file)
        }
    }

    /// `file:line:column` of a mark in `text`, as an editor counts lines.
    private static func location(_ mark: Mark, in text: String, file: String) -> String {
        let at = YAMLPrecheck.position(line: mark.line, column: mark.column, in: text)
        return "\(file):\(at.line):\(at.column)"
    }
}

/// Reads typed keys from one YAML mapping and reports unknown ones.
struct ConfigReader {
    let map: [String: Any]
    let file: String
    let prefix: String
    var used: Set<String> = []

    init(root: Any, file: String, prefix: String = "") throws(ServerError) {
        guard let map = root as? [String: Any] else {
            throw ServerError(code: .badConfig, message: "expected a mapping", location: "\(file): \(prefix.isEmpty ? "<root>" : prefix)")
        }
        self.map = map
        self.file = file
        self.prefix = prefix
    }

    private mutating func value<T>(_ key: String, as type: T.Type, described: String) throws(ServerError) -> T? {
        used.insert(key)
        guard let raw = map[key] else { return nil }
        guard let typed = raw as? T else {
            throw ServerError(code: .badConfig, message: "expected \(described)", location: "\(file): \(prefix)\(key)")
        }
        return typed
    }

    mutating func string(_ key: String) throws(ServerError) -> String? {
        if let number = map[key] as? Int { used.insert(key); return String(number) }
        return try value(key, as: String.self, described: "a string")
    }
    mutating func bool(_ key: String) throws(ServerError) -> Bool? { try value(key, as: Bool.self, described: "true or false") }
    mutating func int(_ key: String) throws(ServerError) -> Int? { try value(key, as: Int.self, described: "an integer") }
    mutating func double(_ key: String) throws(ServerError) -> Double? {
        if let number = map[key] as? Int { used.insert(key); return Double(number) }
        return try value(key, as: Double.self, described: "a number")
    }
    mutating func strings(_ key: String) throws(ServerError) -> [String]? { try value(key, as: [String].self, described: "a list of strings") }
    mutating func stringMap(_ key: String) throws(ServerError) -> [String: String]? {
        try value(key, as: [String: String].self, described: "a mapping of strings")
    }
    mutating func section(_ key: String) throws(ServerError) -> Any? { try value(key, as: [String: Any].self, described: "a mapping") }
    mutating func list(_ key: String) throws(ServerError) -> [Any]? { try value(key, as: [Any].self, described: "a list") }

    func finish() throws(ServerError) {
        if let unknown = map.keys.sorted().first(where: { !used.contains($0) }) {
            throw ServerError(code: .badConfig, message: "unknown key '\(unknown)'", location: "\(file): \(prefix)\(unknown)")
        }
    }
}
