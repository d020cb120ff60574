/// Registers the scanners that live in ParapetCore.
public enum CoreScanners {
    /// Registers `banlist` (``BanListScanner``), `leakage` (``SystemPromptLeakScanner``) and
    /// `refusal` (``RefusalScanner``).
    ///
    /// `banlist` parameters: `terms` (list of strings, required, at least one non-empty),
    /// `category` (string, default `banned.term`), `score` (number in 0…1, default 1),
    /// `case_sensitive` (bool, default false), `word_boundaries` (bool, default true). Unknown or
    /// ill-typed parameters throw ``ScannerConfigurationError`` with code `bad_parameter`, every
    /// problem at once (the first, with the others as its `further`).
    ///
    /// Registers `leakage` (``SystemPromptLeakScanner``): parameters `shingle_words` (whole
    /// number ≥ 2, default 4) and `min_run_words` (whole number ≥ `shingle_words`, default 8).
    /// Registers `refusal` (``RefusalScanner``): parameter `lead_characters` (default 160).
    public static func register(into registry: inout ScannerRegistry) {
        registry.register("banlist") { id, parameters in try makeBanList(id: id, parameters: parameters) }
        registry.register("leakage") { id, parameters in try makeLeakage(id: id, parameters: parameters) }
        registry.register("refusal") { id, parameters in try makeRefusal(id: id, parameters: parameters) }
    }

    static func makeRefusal(id: String, parameters: [String: ParameterValue]) throws(ScannerConfigurationError) -> RefusalScanner {
        var problems = ParameterProblems()
        problems.rejectUnknown(parameters, known: ["lead_characters"], scannerType: "refusal")
        let lead = problems.check {
            try wholeNumber("lead_characters", in: parameters, default: 160, range: 1...100_000)
        }
        try problems.throwIfAny()
        return RefusalScanner(id: id, leadCharacters: lead ?? 160)
    }

    static let leakageParameters: Set<String> = ["shingle_words", "min_run_words"]

    static func makeLeakage(id: String, parameters: [String: ParameterValue]) throws(ScannerConfigurationError) -> SystemPromptLeakScanner {
        var problems = ParameterProblems()
        problems.rejectUnknown(parameters, known: leakageParameters, scannerType: "leakage")
        let shingle = problems.check {
            try wholeNumber("shingle_words", in: parameters, default: 4, range: 2...1_000)
        } ?? 4
        let minRun = problems.check {
            try wholeNumber("min_run_words", in: parameters, default: max(8, shingle), range: shingle...1_000)
        }
        try problems.throwIfAny()
        return SystemPromptLeakScanner(id: id, shingleWords: shingle, minRunWords: minRun ?? max(8, shingle))
    }

    static let banListParameters: Set<String> = ["terms", "category", "score", "case_sensitive", "word_boundaries"]

    static func makeBanList(id: String, parameters: [String: ParameterValue]) throws(ScannerConfigurationError) -> BanListScanner {
        var problems = ParameterProblems()
        problems.rejectUnknown(parameters, known: banListParameters, scannerType: "banlist")
        var terms: [String] = []
        if let value = parameters["terms"] {
            if let list = value.stringList {
                terms = list
                if !terms.contains(where: { !$0.trimmingASCIIWhitespace().isEmpty }) {
                    problems.bad("terms", "'terms' must hold at least one non-empty term")
                }
            } else {
                problems.bad("terms", "'terms' must be a list of strings")
            }
        } else {
            problems.bad("terms", "banlist needs 'terms', a list of strings")
        }
        var category = Category.bannedTerm
        if let value = parameters["category"] {
            if let name = value.stringValue, !name.isEmpty, !name.contains(where: \.isWhitespace) {
                category = Category(rawValue: name)
            } else {
                problems.bad("category", "'category' must be a dotted category name such as banned.term")
            }
        }
        var score = 1.0
        if let value = parameters["score"] {
            if let number = value.numberValue, number >= 0, number <= 1 {
                score = number
            } else {
                problems.bad("score", "'score' must be a number in 0…1")
            }
        }
        let caseSensitive = problems.check {
            try flag("case_sensitive", in: parameters, default: false)
        }
        let wordBoundaries = problems.check {
            try flag("word_boundaries", in: parameters, default: true)
        }
        try problems.throwIfAny()
        return BanListScanner(
            id: id,
            terms: terms,
            category: category,
            score: score,
            caseSensitive: caseSensitive ?? false,
            wordBoundaries: wordBoundaries ?? true
        )
    }

    /// The whole-number parameter `name` within `range`, or `fallback` when it is absent.
    private static func wholeNumber(
        _ name: String, in parameters: [String: ParameterValue], default fallback: Int, range: ClosedRange<Int>
    ) throws(ScannerConfigurationError) -> Int {
        guard let value = parameters[name] else { return fallback }
        guard let number = value.numberValue, number == number.rounded(),
            number >= Double(range.lowerBound), number <= Double(range.upperBound)
        else {
            throw bad(name, "'\(name)' must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return Int(number)
    }

    private static func flag(
        _ name: String, in parameters: [String: ParameterValue], default fallback: Bool
    ) throws(ScannerConfigurationError) -> Bool {
        guard let value = parameters[name] else { return fallback }
        guard let bool = value.boolValue else { throw bad(name, "'\(name)' must be true or false") }
        return bool
    }

    private static func bad(_ parameter: String, _ message: String) -> ScannerConfigurationError {
        ScannerConfigurationError(code: "bad_parameter", message: message, parameter: parameter)
    }
}
