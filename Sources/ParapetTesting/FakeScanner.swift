public import ParapetCore

/// A scanner for tests: reports configured findings, scores and failures without any model or
/// regex engine, so policies can be tested anywhere.
///
/// Findings are literal needles (every occurrence of the text becomes a finding with the exact
/// UTF-8 byte range), scores are fixed or triggered by a needle, and a failure can be forced
/// always or only when a text contains a trigger.
///
/// In a policy, use the type registered by ``register(in:type:)`` with parameters:
/// ```yaml
/// scanners:
///   - id: fake
///     type: fake
///     params:
///       findings: [{ text: "a@b.example", category: pii.email, score: 0.9 }]
///       scores: [{ key: injection, score: 0.95, when: "ignore previous" }]
///       fail: { code: boom, when: "explode" }
/// ```
public struct FakeScanner: Scanner {
    /// A literal needle reported as a finding wherever it occurs.
    public struct Needle: Sendable, Hashable {
        /// The text to find.
        public var text: String
        /// The category to report.
        public var category: Category
        /// The score to report.
        public var score: Double
        /// The rule id to report.
        public var rule: String

        /// Creates a needle.
        public init(_ text: String, category: Category, score: Double = 0.9, rule: String? = nil) {
            self.text = text
            self.category = category
            self.score = score
            self.rule = rule ?? category.placeholderType.lowercased()
        }
    }

    /// A classifier score, reported always or only when the text contains `when`.
    public struct Score: Sendable, Hashable {
        /// The score key (`injection`, …).
        public var key: String
        /// The value.
        public var value: Double
        /// A trigger substring; `nil` reports the score for every text.
        public var when: String?

        /// Creates a score.
        public init(key: String, value: Double, when: String? = nil) {
            self.key = key
            self.value = value
            self.when = when
        }
    }

    /// A forced failure, always or only when the text contains `when`.
    public struct Failure: Sendable, Hashable {
        /// The error code.
        public var code: String
        /// The error message.
        public var message: String
        /// A trigger substring; `nil` fails on every text.
        public var when: String?

        /// Creates a failure.
        public init(code: String = "fake_failure", message: String = "the fake scanner was told to fail", when: String? = nil) {
            self.code = code
            self.message = message
            self.when = when
        }
    }

    /// The scanner id.
    public let id: String
    /// Needles reported as findings.
    public var needles: [Needle]
    /// Scores reported.
    public var scores: [Score]
    /// A forced failure, if any.
    public var failure: Failure?

    /// Creates a fake scanner.
    public init(id: String = "fake", needles: [Needle] = [], scores: [Score] = [], failure: Failure? = nil) {
        self.id = id
        self.needles = needles
        self.scores = scores
        self.failure = failure
    }

    /// Reports every needle occurrence and every applicable score, or throws the failure.
    public func scan(_ input: ScanInput) throws -> ScanOutcome {
        if let failure, failure.when.map({ input.text.contains($0) }) ?? true {
            throw ScannerError(scanner: id, code: failure.code, message: failure.message)
        }
        var findings: [Finding] = []
        let haystack = Array(input.text.utf8)
        for needle in needles {
            for start in Self.occurrences(of: Array(needle.text.utf8), in: haystack) {
                findings.append(Finding(scanner: id, category: needle.category,
                                        range: start..<(start + needle.text.utf8.count),
                                        score: needle.score, rule: needle.rule))
            }
        }
        var outcomeScores: [String: Double] = [:]
        for score in scores where score.when.map({ input.text.contains($0) }) ?? true {
            outcomeScores[score.key] = max(outcomeScores[score.key] ?? 0, score.value)
        }
        return ScanOutcome(findings: findings, scores: outcomeScores)
    }

    /// Non-overlapping byte offsets of `needle` in `haystack`.
    static func occurrences(of needle: [UInt8], in haystack: [UInt8]) -> [Int] {
        guard !needle.isEmpty, needle.count <= haystack.count else { return [] }
        var result: [Int] = []
        var index = 0
        while index + needle.count <= haystack.count {
            if haystack[index..<(index + needle.count)].elementsEqual(needle) {
                result.append(index)
                index += needle.count
            } else {
                index += 1
            }
        }
        return result
    }
}
