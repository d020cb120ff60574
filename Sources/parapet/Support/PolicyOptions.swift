import ArgumentParser
import Foundation
import Parapet

/// How a command finds its policy.
struct PolicyOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "Policy name (looked up in the policy directories) or path to a YAML file.")
    var policy: String = "default"

    @Option(name: .customLong("policy-dir"), help: "Directory of policies (repeatable). Default: $PARAPET_POLICY_DIR, then ./policies.")
    var policyDirectories: [String] = []

    /// The directories searched for a policy name.
    var searchPaths: [String] {
        if !policyDirectories.isEmpty { return policyDirectories }
        if let fromEnvironment = ProcessInfo.processInfo.environment["PARAPET_POLICY_DIR"], !fromEnvironment.isEmpty {
            return fromEnvironment.split(separator: ":").map(String.init)
        }
        return ["policies"]
    }

    /// A loader with the standard scanners.
    var loader: PolicyLoader { PolicyLoader(registry: StandardScanners.registry, searchPaths: searchPaths) }

    /// Compiles the policy, printing every problem with its location on failure.
    func compile() throws -> CompiledPolicy {
        do {
            if policy.hasSuffix(".yaml") || policy.hasSuffix(".yml") || policy.contains("/") {
                return try loader.load(file: policy)
            }
            return try loader.load(named: policy)
        } catch let errors as PolicyErrors {
            for error in errors.errors { Terminal.error(error.description) }
            throw ExitStatus.error
        }
    }

    /// A guard over the compiled policy.
    func makeGuard() throws -> Guard { Guard(policy: try compile()) }
}

extension Direction: ExpressibleByArgument {}
