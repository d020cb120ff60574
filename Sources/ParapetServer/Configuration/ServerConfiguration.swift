import Foundation
import NIOCore
public import Parapet

/// Everything `parapet serve` needs: where to listen, the upstream, policies, client keys and
/// what to scan. Built from a YAML file (``load(file:environment:)``) and command-line flags.
public struct ServerConfiguration: Sendable {
    /// Host to listen on (default `127.0.0.1`).
    public var host: String = "127.0.0.1"
    /// Port to listen on (default 8080).
    public var port: Int = 8080
    /// The upstream's base URL, up to and including `/v1` (`http://127.0.0.1:8000/v1`).
    public var upstreamURL: String = "http://127.0.0.1:8000/v1"
    /// The bearer token sent upstream; read from the environment, never logged.
    public var upstreamAPIKey: String?
    /// Seconds to wait for the upstream (connect plus whole answer, or each streamed event).
    public var upstreamTimeout: Double = 120
    /// The policy used when no route or model rule applies.
    public var defaultPolicy: String = "default"
    /// Directories searched for `<name>.yaml` policies.
    public var policyDirectories: [String] = ["policies"]
    /// Policy by route path (`/v1/chat/completions`, `/v1/moderations`).
    public var routePolicies: [String: String] = [:]
    /// Policy by requested model name; wins over the route's.
    public var modelPolicies: [String: String] = [:]
    /// Client keys, stored as SHA-256 digests.
    public var clientKeys: ClientKeys = ClientKeys()
    /// What is scanned in chat requests and answers.
    public var scan: ChatScanOptions = ChatScanOptions()
    /// Largest accepted request body, in bytes.
    public var maxBodyBytes: Int = 4 << 20
    /// WordPieces a classifier may score over all the scanned parts of one request's input (a
    /// chat request's messages and documents, a moderation request's inputs): a part past it is
    /// not scored and blocks under `on_scanner_error: block` (``ClassifierBudget``). 65,536 is
    /// four texts at the classifier's own `max_tokens`, about a minute of one core of the 2-core
    /// VM; answers are not counted.
    public var classifierRequestTokens: Int = 65_536
    /// Seconds between checks of the policy files for changes (0 turns watching off).
    public var reloadInterval: Double = 2
    /// How many conversations' pseudonyms are kept, and for how long without use
    /// (`pseudonyms.max_conversations`, `pseudonyms.idle_timeout_seconds`; 0 keeps them until
    /// the limit pushes them out).
    public var pseudonymLimits = PseudonymVault.Limits()

    /// Creates a configuration with the defaults.
    public init() {}

    /// Every policy name the configuration refers to.
    public var policyNames: Set<String> {
        Set([defaultPolicy]).union(routePolicies.values).union(modelPolicies.values)
    }

    /// The policy for a route and model: the model's, else the route's, else the default.
    /// Model names compare case-insensitively without surrounding spaces, so `GPT-4o ` cannot
    /// slip from a model's stricter policy to the default one at an upstream that accepts it.
    public func policyName(route: String, model: String?) -> String {
        if let model, !modelPolicies.isEmpty {
            let wanted = Self.modelKey(model)
            if let name = modelPolicies[model] ?? modelPolicies.first(where: { Self.modelKey($0.key) == wanted })?.value {
                return name
            }
        }
        return routePolicies[route] ?? defaultPolicy
    }

    /// A model name as policies are looked up by it.
    static func modelKey(_ model: String) -> String { model.lookupKey }

    /// Whether the address the server binds for ``host`` is a loopback address (`127.0.0.0/8`,
    /// `::1`). The host is resolved as the server resolves it when it binds (the first address
    /// `getaddrinfo` gives), so a name spelled like a loopback address (`127.any.example`) but
    /// resolving elsewhere is not one; an unresolvable host is not loopback either. (Before
    /// 2026-12-02 any host starting with `127.` passed by its spelling.)
    public var listensOnLoopbackOnly: Bool {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        guard let address = try? SocketAddress.makeAddressResolvingHost(bare, port: 0), let ip = address.ipAddress
        else { return false }
        switch address.protocol {
        case .inet: return ip.hasPrefix("127.")
        case .inet6: return ip == "::1"
        default: return false
        }
    }

    /// Refuses a configuration that would accept unauthenticated connections from elsewhere.
    /// - Throws: ``ServerError`` `insecure_listen` when no client keys are set and the host is
    ///   not loopback.
    public func validate() throws(ServerError) {
        if clientKeys.isEmpty && !listensOnLoopbackOnly {
            throw ServerError(
                code: .insecureListen,
                message: "no client keys are configured, so Parapet listens on loopback only; refusing to listen on \(host). Add client keys (keys: in the config file or PARAPET_CLIENT_KEYS) or listen on 127.0.0.1.",
                location: "listen")
        }
        guard (1...65535).contains(port) else {
            throw ServerError(code: .badConfig, message: "port \(port) is out of range", location: "listen")
        }
        guard let upstream = URL(string: upstreamURL), upstream.scheme.map({ ["http", "https"].contains($0) }) == true else {
            throw ServerError(code: .badConfig, message: "upstream URL must be http(s)://…", location: "upstream.url")
        }
        // Credentials in the URL would not be sent (and would be logged with it); a fragment is meaningless.
        guard upstream.user == nil, upstream.password == nil else {
            throw ServerError(
                code: .badConfig, message: "the upstream URL must not carry user:password@; give the key in upstream.api_key_env",
                location: "upstream.url")
        }
        guard upstream.fragment == nil else {
            throw ServerError(code: .badConfig, message: "the upstream URL must not have a #fragment", location: "upstream.url")
        }
        guard upstreamTimeout.isFinite, upstreamTimeout > 0, upstreamTimeout <= Self.longestWait else {
            throw ServerError(code: .badConfig, message: "the upstream timeout must be more than 0 and at most \(Int(Self.longestWait)) seconds, got \(upstreamTimeout)",
                              location: "upstream.timeout_seconds")
        }
        guard reloadInterval.isFinite, reloadInterval >= 0, reloadInterval <= Self.longestWait else {
            throw ServerError(code: .badConfig, message: "the reload interval must be 0 (off) to \(Int(Self.longestWait)) seconds, got \(reloadInterval)",
                              location: "policies.reload_interval_seconds")
        }
        guard (0...Self.largestHoldback).contains(scan.holdback) else {
            throw ServerError(code: .badConfig, message: "the streaming holdback must be 0 to \(Self.largestHoldback) bytes, got \(scan.holdback)",
                              location: "scan.holdback_bytes")
        }
        guard maxBodyBytes >= 1 else {
            throw ServerError(code: .badConfig, message: "the largest request body must be at least 1 byte, got \(maxBodyBytes)",
                              location: "max_body_bytes")
        }
        guard pseudonymLimits.maxConversations >= 1 else {
            throw ServerError(code: .badConfig, message: "at least 1 conversation must be kept, got \(pseudonymLimits.maxConversations)",
                              location: "pseudonyms.max_conversations")
        }
        if let idle = pseudonymLimits.idleTimeout, idle <= .zero || idle > .seconds(Self.longestWait) {
            throw ServerError(code: .badConfig, message: "the idle timeout must be 0 (none) to \(Int(Self.longestWait)) seconds",
                              location: "pseudonyms.idle_timeout_seconds")
        }
        guard classifierRequestTokens >= 1 else {
            throw ServerError(code: .badConfig, message: "the classifier budget per request must be at least 1 token, got \(classifierRequestTokens)",
                              location: "classifier_request_tokens")
        }
    }

    /// The longest timeout or reload interval accepted, in seconds (one day).
    public static let longestWait: Double = 86_400
    /// The largest streaming holdback accepted, in bytes (1 MiB).
    public static let largestHoldback = 1 << 20

    /// Parses `HOST:PORT` (or `[IPv6]:PORT`, or `:PORT`).
    public mutating func setListen(_ address: String) throws(ServerError) {
        guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]) else {
            throw ServerError(code: .badConfig, message: "listen address must be HOST:PORT, got '\(address)'", location: "listen")
        }
        var host = String(address[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        self.host = host.isEmpty ? "127.0.0.1" : host
        self.port = port
    }
}
