import ArgumentParser
import Foundation
import Parapet
import ParapetAudit
import ParapetServer

/// `parapet serve`: the OpenAI-compatible guard proxy.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the guard proxy in front of an OpenAI-compatible model server.",
        discussion: """
            Routes: POST /v1/chat/completions (streaming too), /v1/moderations, /v1/guard; GET /healthz, \
            /readyz, /metrics. Flags override the config file. The upstream key comes from the environment \
            ($PARAPET_UPSTREAM_API_KEY, or the variable named by upstream.api_key_env); client keys from the \
            file (SHA-256 digests) or $PARAPET_CLIENT_KEYS. Without client keys only loopback addresses are \
            accepted. SIGHUP (or a changed policy file) reloads the policies. With --audit every decision is \
            recorded in the trail before the response is sent (a failed write answers 503 unless \
            --audit-on-failure continue). See docs/server.md and docs/audit.md.
            """
    )

    @Option(help: "Upstream base URL including /v1, e.g. http://127.0.0.1:8000/v1.")
    var upstream: String?

    @Option(name: .shortAndLong, help: "Default policy: a name in the policy directories or a YAML path.")
    var policy: String?

    @Option(help: "HOST:PORT to listen on (default 127.0.0.1:8080).")
    var listen: String?

    @Option(help: "YAML configuration file (see docs/server.md).")
    var config: String?

    @Option(name: .customLong("policy-dir"), help: "Directory of policies (repeatable).")
    var policyDirectories: [String] = []

    @Option(help: "Bytes held back while streaming (default 256).")
    var holdback: Int?

    @Option(name: .customLong("event-loops"),
            help: "Event-loop threads for HTTP, the guard and the upstream client (default: one per core). 1 can help when other busy work shares a small machine (docs/server.md).")
    var eventLoops: Int?

    @OptionGroup var auditOptions: AuditWriteOptions

    @Flag(name: .customLong("hash-key"), help: "Print the SHA-256 digest of the key read from standard input and exit.")
    var hashKey = false

    func validate() throws {
        if let eventLoops, eventLoops < 1 { throw ValidationError("--event-loops must be at least 1 (got \(eventLoops)).") }
    }

    func run() async throws {
        if hashKey {
            let key = (readLine(strippingNewline: true) ?? "").trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty else {
                throw ValidationError("--hash-key read an empty key from standard input")
            }
            print(ClientKeys.sha256Hex(key))
            return
        }
        do {
            var settings = try ServerConfiguration.load(file: config, environment: ProcessInfo.processInfo.environment)
            if let upstream { settings.upstreamURL = upstream }
            if let policy { settings.defaultPolicy = policy }
            if let listen { try settings.setListen(listen) }
            if !policyDirectories.isEmpty { settings.policyDirectories = policyDirectories }
            if let holdback { settings.scan.holdback = holdback }
            try settings.validate()
            let loader = PolicyLoader(registry: StandardScanners.registry, searchPaths: settings.policyDirectories)
            let store = try PolicyStore(names: settings.policyNames, loader: loader, vault: PseudonymVault(limits: settings.pseudonymLimits))
            let audit = try await auditOptions.openWriter()
            let recorder: any DecisionRecorder =
                audit.map { AuditRecorder(sink: $0, privacy: auditOptions.privacy) } ?? DiscardingRecorder()
            let client = OpenAIClient(baseURL: settings.upstreamURL, apiKey: settings.upstreamAPIKey, timeoutSeconds: settings.upstreamTimeout)
            let server = GuardServer(configuration: settings, policies: store, upstream: client, recorder: recorder)
            do {
                try await server.run()
            } catch {
                try? await audit?.close()
                try? await client.shutdown()
                throw error
            }
            try await audit?.close()
            try await client.shutdown()
        } catch let error as ServerError {
            Terminal.error(error.description)
            throw ExitStatus.error
        }
    }
}
