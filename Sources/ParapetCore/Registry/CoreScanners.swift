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
            let lead = try wholeNumber("lead_characters", in: parameters, default: 160, range: 1...100_000)
            return RefusalScanner(id: id, leadCharacters: lead)
        }
    }

    static let leakageParameters: Set<String> = ["shingle_words", "min_run_words"]

    static func makeLeakage(id: String, parameters: [String: ParameterValue]) throws -> SystemPromptLeakScanner {
        for key in parameters.keys.sorted() where !leakageParameters.contains(key) {
            throw bad(key, "unknown parameter '\(key)' for leakage (known: \(leakageParameters.sorted().joined(separator: ", ")))")
        }
        let shingle = try wholeNumber("shingle_words", in: parameters, default: 4, range: 2...1_000)
        let minRun = try wholeNumber("min_run_words", in: parameters, default: max(8, shingle), range: shingle...1_000)
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

    /// The whole-number parameter `name` within `range`, or `fallback` when it is absent.
    private static func wholeNumber(
        _ name: String, in parameters: [String: ParameterValue], default fallback: Int, range: ClosedRange<Int>
    ) throws -> Int {
        guard let value = parameters[name] else { return fallback }
        guard let number = value.numberValue, number == number.rounded(),
            number >= Double(range.lowerBound), number <= Double(range.upperBound)
        else {
            throw bad(name, "'\(name)' must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return Int(number)
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
