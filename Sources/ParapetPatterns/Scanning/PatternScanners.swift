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

    static func makePatternScanner(id: String, parameters: [String: ParameterValue]) throws(ScannerConfigurationError) -> PatternScanner {
        var problems = ParameterProblems()
        problems.rejectUnknown(parameters, known: ["catalogs", "categories", "min_score"], scannerType: "patterns")
        var names = PatternCatalog.builtInNames
        if let value = parameters["catalogs"] {
            if let list = value.stringList, !list.isEmpty {
                names = list
            } else {
                problems.bad("catalogs", "'catalogs' must be a list of catalog names")
            }
        }
        var catalogs: [PatternCatalog] = []
        for (index, name) in names.enumerated() {
            let parameter = parameters["catalogs"] == nil ? "catalogs" : "catalogs[\(index)]"
            do {
                catalogs.append(try PatternCatalog.builtIn(name))
            } catch let error as CatalogError {
                // An unknown name says it all; a broken catalog file needs its location too.
                let message = error.line == nil ? error.message : error.description
                problems.record(ScannerConfigurationError(code: error.code, message: message, parameter: parameter))
            } catch {
                problems.record(ScannerConfigurationError(code: "bad_catalog", message: "\(error)", parameter: parameter))
            }
        }
        var categories: [String]?
        if let value = parameters["categories"] {
            if let list = value.stringList {
                categories = list
            } else {
                problems.bad("categories", "'categories' must be a list of category patterns")
            }
        }
        var minScore = 0.0
        if let value = parameters["min_score"] {
            if let number = value.numberValue, (0...1).contains(number) {
                minScore = number
            } else {
                problems.bad("min_score", "'min_score' must be a number in 0…1")
            }
        }
        try problems.throwIfAny()
        do {
            return try PatternScanner(id: id, catalogs: catalogs, categories: categories, minScore: minScore)
        } catch let error as CatalogError {
            throw ScannerConfigurationError(code: error.code, message: error.description, parameter: "catalogs")
        } catch {
            throw ScannerConfigurationError(code: "bad_catalog", message: "\(error)", parameter: "catalogs")
        }
    }

    static let regexRuleFields: Set<String> = ["name", "pattern", "category", "score", "caseless"]

    static func makeRegexScanner(id: String, parameters: [String: ParameterValue]) throws(ScannerConfigurationError) -> RegexRuleScanner {
        var problems = ParameterProblems()
        problems.rejectUnknown(parameters, known: ["rules"], scannerType: "regex")
        let list = parameters["rules"]?.listValue ?? []
        if list.isEmpty { problems.bad("rules", "'rules' must be a non-empty list of rules") }
        var rules: [RegexRuleScanner.Rule] = []
        var listIndex: [Int] = []  // the list position of each rule, for locating compile errors
        for (index, item) in list.enumerated() {
            let path = "rules[\(index)]"
            guard let map = item.mapValue, let pattern = map["pattern"]?.stringValue else {
                problems.bad(path, "\(path) must be a map with at least 'pattern', a string")
                continue
            }
            for unknown in map.keys.sorted() where !regexRuleFields.contains(unknown) {
                problems.record(ScannerConfigurationError(
                    code: "unknown_parameter",
                    message: "\(path): unknown field '\(unknown)' (known: \(regexRuleFields.sorted().joined(separator: ", ")))",
                    parameter: path))
            }
            let score = map["score"]?.numberValue ?? 1
            if !(0...1).contains(score) { problems.bad(path, "\(path): 'score' must be in 0…1") }
            rules.append(
                RegexRuleScanner.Rule(
                    name: map["name"]?.stringValue ?? "rule_\(index + 1)", pattern: pattern,
                    category: map["category"]?.stringValue.map(Category.init(rawValue:)) ?? .bannedTerm,
                    score: min(max(score, 0), 1), caseless: map["caseless"]?.boolValue ?? false))
            listIndex.append(index)
        }
        // Every pattern is compiled, even when another part is wrong, so that all bad regexes
        // are reported together, each at its place in the list.
        let compiled = Result { () throws(ScannerConfigurationError) in try RegexRuleScanner(id: id, rules: rules) }
        if case .failure(let error) = compiled {
            for var problem in error.all {
                if let rule = itemIndex(problem.parameter, in: "rules"), rule < listIndex.count {
                    problem.parameter = "rules[\(listIndex[rule])]"
                }
                problems.record(problem)
            }
        }
        try problems.throwIfAny()
        return try compiled.get()
    }

    /// `i` of a parameter path `name[i]`.
    static func itemIndex(_ parameter: String?, in name: String) -> Int? {
        guard let parameter, parameter.hasPrefix(name + "["), parameter.hasSuffix("]") else { return nil }
        return Int(parameter.dropFirst(name.count + 1).dropLast())
    }
}
