/// Finds banned terms (a ban list) with one ``AhoCorasick`` pass.
///
/// Each term is searched as written and, when different, as the ``Normalizer`` would normalize it,
/// so a list works whether the pipeline scans the original or the normalized text (a Russian term
/// still matches after homoglyph folding). Findings carry the term as their rule id.
public struct BanListScanner: Scanner {
    /// The scanner id used in findings.
    public let id: String
    /// The banned terms, as configured.
    public let terms: [String]
    /// The category of every finding (`banned.term` by default).
    public let category: Category
    /// The score of every finding.
    public let score: Double
    /// Whether case matters.
    public let caseSensitive: Bool
    /// Whether a term must stand as a whole word (not glued to letters or digits).
    public let wordBoundaries: Bool
    private let automaton: AhoCorasick
    /// Automaton pattern index → term index.
    private let termIndex: [Int]

    /// Builds the scanner; terms that are empty (after trimming whitespace) are ignored.
    public init(
        id: String = "banlist",
        terms: [String],
        category: Category = .bannedTerm,
        score: Double = 1.0,
        caseSensitive: Bool = false,
        wordBoundaries: Bool = true
    ) {
        self.id = id
        self.terms = terms
        self.category = category
        self.score = score
        self.caseSensitive = caseSensitive
        self.wordBoundaries = wordBoundaries
        let normalizer = Normalizer()
        var patterns: [String] = []
        var owners: [Int] = []
        for (index, term) in terms.enumerated() {
            let trimmed = term.trimmingASCIIWhitespace()
            guard !trimmed.isEmpty else { continue }
            patterns.append(trimmed)
            owners.append(index)
            let normalized = normalizer.normalize(trimmed).text
            if normalized != trimmed, !normalized.isEmpty {
                patterns.append(normalized)
                owners.append(index)
            }
        }
        self.automaton = AhoCorasick(patterns: patterns, caseInsensitive: !caseSensitive, wholeWords: wordBoundaries)
        self.termIndex = owners
    }

    /// Reports every non-overlapping term occurrence (leftmost-longest).
    public func scan(_ input: ScanInput) -> ScanOutcome {
        let matches = automaton.matches(in: input.text)
        guard !matches.isEmpty else { return .empty }
        return ScanOutcome(findings: matches.map { match in
            Finding(
                scanner: id,
                category: category,
                range: match.range,
                score: score,
                rule: terms[termIndex[match.patternIndex]]
            )
        })
    }
}

extension String {
    /// The string without leading and trailing ASCII spaces, tabs and newlines.
    func trimmingASCIIWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}

extension BanListScanner {
    /// Span findings only, no scores.
    public var scoreKeys: Set<String>? { [] }
}
