public import ParapetCore
public import ParapetRegex

/// Runs user-defined regex rules from a policy (`type: regex`): each rule has a name, a
/// pattern, a category (default `banned.term`), a score and an optional caseless flag.
public final class RegexRuleScanner: ParapetCore.Scanner {
    /// One user rule.
    public struct Rule: Sendable, Hashable {
        /// The rule id reported in findings.
        public var name: String
        /// The PCRE2 pattern; the whole match is the span.
        public var pattern: String
        /// The category of findings.
        public var category: Category
        /// The score of findings.
        public var score: Double
        /// Whether the pattern ignores case.
        public var caseless: Bool

        /// Creates a rule.
        public init(name: String, pattern: String, category: Category = .bannedTerm, score: Double = 1, caseless: Bool = false) {
            self.name = name
            self.pattern = pattern
            self.category = category
            self.score = score
            self.caseless = caseless
        }
    }

    /// The scanner id used in findings.
    public let id: String
    /// The rules, in order.
    public let rules: [Rule]
    private let regexes: [CompiledRegex]

    /// Compiles the rules.
    /// - Throws: ``ScannerConfigurationError`` (`bad_regex`) naming the first rule that does not
    ///   compile (parameter `rules[i]`), with the others that do not as its `further` problems.
    public init(id: String = "regex", rules: [Rule], limits: MatchLimits = .default) throws(ScannerConfigurationError) {
        self.id = id
        self.rules = rules
        var problems = ParameterProblems()
        var regexes: [CompiledRegex] = []
        for (index, rule) in rules.enumerated() {
            do {
                regexes.append(try CompiledRegex(rule.pattern, options: rule.caseless ? [.caseless] : [], limits: limits))
            } catch {
                problems.record(ScannerConfigurationError(
                    code: "bad_regex", message: "rule '\(rule.name)': \(error)", parameter: "rules[\(index)]"))
            }
        }
        try problems.throwIfAny()
        self.regexes = regexes
    }

    /// Scans one text; every match of every rule is a finding (overlaps are left to the policy).
    public func scan(_ input: ScanInput) throws -> ScanOutcome {
        var findings: [Finding] = []
        for (rule, regex) in zip(rules, regexes) {
            do {
                for match in try regex.matches(in: input.text) where !match.range.isEmpty {
                    findings.append(Finding(scanner: id, category: rule.category, range: match.range, score: rule.score, rule: rule.name))
                }
            } catch {
                throw ScannerError(scanner: id, code: error.code.rawValue, message: "\(rule.name): \(error.message)")
            }
        }
        return ScanOutcome(findings: findings)
    }
}

extension RegexRuleScanner {
    /// Span findings only, no scores.
    public var scoreKeys: Set<String>? { [] }
}
