import Foundation
import ParapetCore
import ParapetPolicy
import ParapetTesting
import Synchronization

/// Shared helpers: a registry of fakes, fixture paths and a loader for inline YAML.
enum Support {
    /// The test bundle's Fixtures folder.
    static var fixtures: String {
        (Bundle.module.resourcePath ?? ".") + "/Fixtures"
    }

    /// The repository root (for the shipped `policies/`).
    static var repositoryRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }

    /// A registry with `fake`, stand-ins for the real `patterns`, `regex` and `classifier` types
    /// that accept exactly their documented parameters and find nothing, plus the real `banlist`.
    static func registry() -> ScannerRegistry {
        var registry = ScannerRegistry()
        FakeScanner.register(in: &registry)
        registry.register("patterns") { id, parameters in
            try checkKnown(parameters, ["catalogs", "categories", "min_score"])
            return FakeScanner(id: id)
        }
        registry.register("regex") { id, parameters in
            try checkKnown(parameters, ["rules"])
            return FakeScanner(id: id)
        }
        registry.register("classifier") { id, parameters in
            try checkKnown(parameters, ["bundle", "models_dir", "classifiers_dir", "tasks", "max_tokens"])
            return StandInClassifier(id: id)
        }
        CoreScanners.register(into: &registry)  // the real `banlist`
        return registry
    }

    static func checkKnown(_ parameters: [String: ParameterValue], _ known: [String]) throws {
        for key in parameters.keys.sorted() where !known.contains(key) {
            throw ScannerConfigurationError(code: "bad_parameter", message: "unknown parameter '\(key)'", parameter: key)
        }
    }

    static func loader(searchPaths: [String] = [], environment: [String: String] = [:]) -> PolicyLoader {
        PolicyLoader(registry: registry(), searchPaths: searchPaths, environment: environment)
    }

    /// Loads inline YAML with the fake registry.
    static func policy(_ yaml: String, environment: [String: String] = [:]) throws(PolicyErrors) -> CompiledPolicy {
        try loader(environment: environment).load(yaml: yaml, source: "inline.yaml")
    }

    /// Evaluates `text` in a direction with a fresh redactor.
    static func decide(_ policy: CompiledPolicy, _ text: String, _ direction: Direction = .input) -> Decision {
        policy.evaluate(ScanInput(text: text, direction: direction), redactor: Redactor())
    }
}

/// Stands in for the `classifier` type: no scores, but the bundle's task keys have default
/// thresholds, so policies that say `threshold: default` load.
struct StandInClassifier: ScoreOnlyScanner {
    let id: String
    var defaultThresholds: [String: Double] { ["injection": 0.5, "toxicity": 0.5, "unsafe": 0.5] }
    func scan(_ input: ScanInput) throws -> ScanOutcome { ScanOutcome() }
}

/// Counts factory calls, to prove evaluation never rebuilds scanners.
final class CallCounter: Sendable {
    private let count = Mutex(0)
    func increment() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
}
