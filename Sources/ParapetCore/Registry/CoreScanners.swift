/// Registers the scanners that live in ParapetCore.
public enum CoreScanners {
    /// Registers `banlist` (``BanListScanner``), `leakage` (``SystemPromptLeakScanner``) and
    /// `refusal` (``RefusalScanner``).
    ///
    /// `banlist` parameters: `terms` (list of strings, required, at least one non-empty),
    /// `category` (string, default `banned.term`), `score` (number in 0…1, default 1),
    /// `case_sensitive` (bool, default false), `word_boundaries` (bool, default true). Unknown or
    /// ill-typed parameters throw ``ScannerConfigurationError`` with code `bad_parameter`.
    ///
    /// Registers `leakage` (``SystemPromptLeakScanner``): parameters `shingle_words` (whole
    /// number ≥ 2, default 4) and `min_run_words` (whole number ≥ `shingle_words`, default 8).
    /// Registers `refusal` (``RefusalScanner``): parameter `lead_characters` (default 160).
    public static func register(into registry: inout ScannerRegistry) {
        registry.register("banlist") { id, parameters in try makeBanList(id: id, parameters: parameters) }
        registry.register("leakage") { id, parameters in try makeLeakage(id: id, parameters: parameters) }
        registry.register("refusal") { id, parameters in
            for key in parameters.keys.sorted() where key != "lead_characters" {
                throw bad(key, "unknown parameter '\(key)' for refusal (known: lead_characters)")
            }
            var lead = 160
            if let value = parameters["lead_characters"] {
                guard let number = value.numberValue, number == number.rounded(), number >= 1, number <= 100_000 else {
                    throw bad("lead_characters", "'lead_characters' must be a whole number from 1 to 100000")
                }
                lead = Int(number)
            }
            return RefusalScanner(id: id, leadCharacters: lead)
        }
    }

    static let leakageParameters: Set<String> = ["shingle_words", "min_run_words"]

    static func makeLeakage(id: String, parameters: [String: ParameterValue]) throws -> SystemPromptLeakScanner {
        for key in parameters.keys.sorted() where !leakageParameters.contains(key) {
            throw bad(key, "unknown parameter '\(key)' for leakage (known: \(leakageParameters.sorted().joined(separator: ", ")))")
        }
        func count(_ name: String, default fallback: Int, atLeast minimum: Int) throws -> Int {
            guard let value = parameters[name] else { return fallback }
            guard let number = value.numberValue, number == number.rounded(), number >= Double(minimum), number <= 1_000 else {
                throw bad(name, "'\(name)' must be a whole number from \(minimum) to 1000")
            }
            return Int(number)
        }
        let shingle = try count("shingle_words", default: 4, atLeast: 2)
        let minRun = try count("min_run_words", default: max(8, shingle), atLeast: shingle)
        return SystemPromptLeakScanner(id: id, shingleWords: shingle, minRunWords: minRun)
    }

    static let banListParameters: Set<String> = ["terms", "category", "score", "case_sensitive", "word_boundaries"]

    static func makeBanList(id: String, parameters: [String: ParameterValue]) throws -> BanListScanner {
        for key in parameters.keys.sorted() where !banListParameters.contains(key) {
            throw bad(key, "unknown parameter '\(key)' for banlist (known: \(banListParameters.sorted().joined(separator: ", ")))")
        }
        guard let value = parameters["terms"] else { throw bad("terms", "banlist needs 'terms', a list of strings") }
        guard let terms = value.stringList else { throw bad("terms", "'terms' must be a list of strings") }
        guard terms.contains(where: { !$0.trimmingASCIIWhitespace().isEmpty }) else {
            throw bad("terms", "'terms' must hold at least one non-empty term")
        }
        var category = Category.bannedTerm
        if let value = parameters["category"] {
            guard let name = value.stringValue, !name.isEmpty, !name.contains(where: \.isWhitespace) else {
                throw bad("category", "'category' must be a dotted category name such as banned.term")
            }
            category = Category(rawValue: name)
        }
        var score = 1.0
        if let value = parameters["score"] {
            guard let number = value.numberValue, number >= 0, number <= 1 else {
                throw bad("score", "'score' must be a number in 0…1")
            }
            score = number
        }
        return BanListScanner(
            id: id,
            terms: terms,
            category: category,
            score: score,
            caseSensitive: try flag("case_sensitive", in: parameters, default: false),
            wordBoundaries: try flag("word_boundaries", in: parameters, default: true)
        )
    }

    private static func flag(_ name: String, in parameters: [String: ParameterValue], default fallback: Bool) throws -> Bool {
        guard let value = parameters[name] else { return fallback }
        guard let bool = value.boolValue else { throw bad(name, "'\(name)' must be true or false") }
        return bool
    }

    private static func bad(_ parameter: String, _ message: String) -> ScannerConfigurationError {
        ScannerConfigurationError(code: "bad_parameter", message: message, parameter: parameter)
    }
}
