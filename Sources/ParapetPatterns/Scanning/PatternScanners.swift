public import ParapetCore

/// Registers the pattern scanner types with a ``ScannerRegistry``.
///
/// - `patterns`: params `catalogs` (list of built-in catalog names, default `[pii, secrets]`),
///   `categories` (category patterns to keep, e.g. `[pii.*, secret.jwt]`), `min_score` (number).
/// - `regex`: param `rules`, a list of maps `{name, pattern, category, score, caseless}`.
public enum PatternScanners {
    /// Adds the `patterns` and `regex` factories.
    public static func register(into registry: inout ScannerRegistry) {
        registry.register("patterns") { id, parameters in try makePatternScanner(id: id, parameters: parameters) }
        registry.register("regex") { id, parameters in try makeRegexScanner(id: id, parameters: parameters) }
    }

    static func makePatternScanner(id: String, parameters: [String: ParameterValue]) throws -> PatternScanner {
        try checkKnown(parameters, ["catalogs", "categories", "min_score"])
        var names = PatternCatalog.builtInNames
        if let value = parameters["catalogs"] {
            guard let list = value.stringList, !list.isEmpty else {
                throw ScannerConfigurationError(code: "bad_parameter", message: "'catalogs' must be a list of catalog names", parameter: "catalogs")
            }
            names = list
        }
        var catalogs: [PatternCatalog] = []
        for name in names {
            do {
                catalogs.append(try PatternCatalog.builtIn(name))
            } catch let error as CatalogError {
                throw ScannerConfigurationError(code: error.code, message: error.description, parameter: "catalogs")
            }
        }
        var categories: [String]?
        if let value = parameters["categories"] {
            guard let list = value.stringList else {
                throw ScannerConfigurationError(code: "bad_parameter", message: "'categories' must be a list of category patterns", parameter: "categories")
            }
            categories = list
        }
        var minScore = 0.0
        if let value = parameters["min_score"] {
            guard let number = value.numberValue, (0...1).contains(number) else {
                throw ScannerConfigurationError(code: "bad_parameter", message: "'min_score' must be a number in 0…1", parameter: "min_score")
            }
            minScore = number
        }
        do {
            return try PatternScanner(id: id, catalogs: catalogs, categories: categories, minScore: minScore)
        } catch let error as CatalogError {
            throw ScannerConfigurationError(code: error.code, message: error.description, parameter: "catalogs")
        }
    }

    static func makeRegexScanner(id: String, parameters: [String: ParameterValue]) throws -> RegexRuleScanner {
        try checkKnown(parameters, ["rules"])
        guard let list = parameters["rules"]?.listValue, !list.isEmpty else {
            throw ScannerConfigurationError(code: "bad_parameter", message: "'rules' must be a non-empty list of rules", parameter: "rules")
        }
        var rules: [RegexRuleScanner.Rule] = []
        for (index, item) in list.enumerated() {
            guard let map = item.mapValue, let pattern = map["pattern"]?.stringValue else {
                throw ScannerConfigurationError(
                    code: "bad_parameter", message: "rules[\(index)] must be a map with at least 'pattern'", parameter: "rules")
            }
            let known: Set<String> = ["name", "pattern", "category", "score", "caseless"]
            if let unknown = map.keys.sorted().first(where: { !known.contains($0) }) {
                throw ScannerConfigurationError(code: "unknown_parameter", message: "rules[\(index)]: unknown field '\(unknown)'", parameter: "rules")
            }
            let score = map["score"]?.numberValue ?? 1
            guard (0...1).contains(score) else {
                throw ScannerConfigurationError(code: "bad_parameter", message: "rules[\(index)]: 'score' must be in 0…1", parameter: "rules")
            }
            rules.append(
                RegexRuleScanner.Rule(
                    name: map["name"]?.stringValue ?? "rule_\(index + 1)", pattern: pattern,
                    category: map["category"]?.stringValue.map(Category.init(rawValue:)) ?? .bannedTerm,
                    score: score, caseless: map["caseless"]?.boolValue ?? false))
        }
        return try RegexRuleScanner(id: id, rules: rules)
    }

    private static func checkKnown(_ parameters: [String: ParameterValue], _ known: Set<String>) throws {
        if let unknown = parameters.keys.sorted().first(where: { !known.contains($0) }) {
            throw ScannerConfigurationError(
                code: "unknown_parameter", message: "unknown parameter '\(unknown)' (known: \(known.sorted().joined(separator: ", ")))",
                parameter: unknown)
        }
    }
}
