/// Finds an answer that gives away its system prompt (scans output texts whose ``ScanContext``
/// carries the system prompt; anything else passes untouched).
///
/// Two signals, both on words (runs of letters and digits, compared case-insensitively, so
/// re-casing, re-wrapping, bullets and punctuation do not hide a copy):
/// - **verbatim runs**: stretches of the answer whose every word belongs to a run of at least
///   ``shingleWords`` words that also occurs, in order, in the system prompt. A run of
///   ``minRunWords`` or more words (or the whole prompt, if it is shorter) is a finding; a prompt
///   shorter than ``shingleWords`` words is not checked for runs;
/// - **secret tokens**: words of the system prompt that look like access codes, passwords or keys
///   (a digit and a letter, inner capitals, or quoted, or right after words such as `password` or
///   `code`) repeated in the answer, also spelled out with separators (`b-a-n-a-n-a`).
///
/// The `leakage` score is the largest of: the share of the prompt's words the answer repeats in
/// copied runs (however many pieces),
/// the longest copied run against the prompt's length (capped at 20 words), and 0.95 when a secret
/// token is repeated. Its default threshold is 0.5.
public struct SystemPromptLeakScanner: ScoreThresholdProviding {
    /// The scanner id used in findings.
    public let id: String
    /// The word-run length that counts as copied.
    public let shingleWords: Int
    /// The shortest copied run reported as a finding.
    public let minRunWords: Int
    /// Recent system prompts, indexed once each.
    private let prompts: SystemPromptIndex.Cache

    /// The category of every finding.
    public static let category: Category = "leakage.system_prompt"
    /// The score key.
    public static let scoreKey = "leakage"

    /// The threshold the score was designed around (see the type's documentation).
    public var defaultThresholds: [String: Double] { [Self.scoreKey: 0.5] }

    /// Creates the scanner.
    public init(id: String = "leakage", shingleWords: Int = 4, minRunWords: Int = 8) {
        self.id = id
        self.shingleWords = max(2, shingleWords)
        self.minRunWords = max(self.shingleWords, minRunWords)
        self.prompts = SystemPromptIndex.Cache(capacity: 64, shingleWords: self.shingleWords)
    }

    /// Scores an output text against the system prompt in its context.
    public func scan(_ input: ScanInput) -> ScanOutcome {
        guard input.direction == .output, let systemPrompt = input.context.systemPrompt else { return .empty }
        let index = prompts.index(of: systemPrompt)
        let prompt = index.prompt
        guard !prompt.words.isEmpty else { return .empty }
        let answer = WordSpans(input.text)
        guard !answer.words.isEmpty else { return ScanOutcome(scores: [Self.scoreKey: 0]) }

        var findings: [Finding] = []
        // A prompt shorter than one run ("Be concise.") has nothing to copy that is not ordinary
        // language; only its secret tokens count.
        let copy = prompt.words.count >= shingleWords
            ? copiedRuns(index, answer: answer.words) : (runs: [], coverage: 0)
        let reportable = min(minRunWords, prompt.words.count)
        for run in copy.runs where run.count >= reportable {
            let range = answer.spans[run.lowerBound].lowerBound..<answer.spans[run.upperBound - 1].upperBound
            let score = Self.runScore(run.count, promptWords: prompt.words.count)
            findings.append(Finding(scanner: id, category: Self.category, range: range, score: max(0.5, score), rule: "verbatim"))
        }
        for range in repeatedSecretTokens(index.secrets, answer: answer) {
            findings.append(Finding(scanner: id, category: Self.category, range: range, score: 0.95, rule: "secret_token"))
        }
        let longest = copy.runs.map(\.count).max() ?? 0
        var score = max(copy.coverage, Self.runScore(longest, promptWords: prompt.words.count))
        if findings.contains(where: { $0.rule == "secret_token" }) { score = max(score, 0.95) }
        return ScanOutcome(findings: findings.sorted { $0.range.lowerBound < $1.range.lowerBound }, scores: [Self.scoreKey: score])
    }

    /// A copied run's length against the prompt's, capped at 20 words (a 20-word copy is a leak
    /// however long the prompt).
    static func runScore(_ words: Int, promptWords: Int) -> Double {
        min(1, Double(words) / Double(min(promptWords, 20)))
    }

    /// The answer's word runs copied from the prompt, and the share of the prompt's words that
    /// the answer repeats within copied runs.
    private func copiedRuns(_ index: SystemPromptIndex, answer: [String]) -> (runs: [Range<Int>], coverage: Double) {
        let prompt = index.prompt.words
        let size = shingleWords
        let positions = index.runs
        var covered = [Bool](repeating: false, count: answer.count)
        var promptCovered = [Bool](repeating: false, count: prompt.count)
        if answer.count >= size {
            for start in 0...(answer.count - size) {
                guard let found = positions[answer[start..<(start + size)]] else { continue }
                for promptStart in found {
                    for index in promptStart..<(promptStart + size) { promptCovered[index] = true }
                }
                for index in start..<(start + size) { covered[index] = true }
            }
        }
        var runs: [Range<Int>] = []
        var index = 0
        while index < covered.count {
            guard covered[index] else { index += 1; continue }
            let start = index
            while index < covered.count, covered[index] { index += 1 }
            runs.append(start..<index)
        }
        return (runs, Double(promptCovered.filter { $0 }.count) / Double(prompt.count))
    }

    /// Byte ranges in the answer where a secret-looking token of the prompt appears.
    private func repeatedSecretTokens(_ secrets: Set<String>, answer: WordSpans) -> [Range<Int>] {
        guard !secrets.isEmpty else { return [] }
        var ranges: [Range<Int>] = []
        for (index, word) in answer.words.enumerated() where secrets.contains(word) {
            ranges.append(answer.spans[index])
        }
        // Spelled out: the token's letters as consecutive one- or two-character words.
        for secret in secrets where secret.count >= 5 {
            var start = 0
            while start < answer.words.count {
                var joined = ""
                var end = start
                while end < answer.words.count, answer.words[end].count <= 2, joined.count < secret.count {
                    joined += answer.words[end]
                    end += 1
                }
                if end - start >= 3, joined == secret {
                    ranges.append(answer.spans[start].lowerBound..<answer.spans[end - 1].upperBound)
                    start = end
                } else {
                    start += 1
                }
            }
        }
        return ranges
    }
}
