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

    /// Whether `--policy` names a file rather than a policy name.
    var policyIsFile: Bool { policy.hasSuffix(".yaml") || policy.hasSuffix(".yml") || policy.contains("/") }

    /// The file the policy comes from: the path given, or the first `NAME.yaml` in the search paths.
    var policyPath: String {
        if policyIsFile { return policy }
        let candidates = searchPaths.map { "\($0)/\(policy).yaml" }
        return candidates.first { FileManager.default.fileExists(atPath: $0) } ?? candidates.first ?? policy
    }

    /// Compiles the policy, printing every problem with its location on failure.
    func compile() throws -> CompiledPolicy {
        do {
            return policyIsFile ? try loader.load(file: policy) : try loader.load(named: policy)
        } catch {
            for problem in error.errors { Terminal.error(problem.description) }
            throw ExitStatus.error
        }
    }

    /// A guard over the compiled policy.
    func makeGuard() throws -> Guard { Guard(policy: try compile()) }
}

