/// Recognises an answer in which the model refuses or declines (`I'm sorry, but I can't help
/// with that`), so a policy can flag it for review or count it: an over-refusing model is a
/// failure too. Scans output texts only.
///
/// The answer's first sentences are lowercased (typographic apostrophes straightened, spaces
/// collapsed) and matched against refusal phrases in two kinds:
/// - **outright**: phrases that are refusals wherever they stand (`i must decline`, `as an ai
///   language model, i`, `i'm not comfortable`, `i won't be able to help`, …);
/// - **inability + request verb**: `i can't`, `i cannot`, `i'm unable to`, `i won't`, … followed
///   within four words by a verb of helping or producing (`help`, `assist`, `provide`, `write`,
///   `share`, `comply`, …), so `I can't wait to see it` or `I cannot stress enough` do not count.
///
/// The `refusal` score is 0.9 when a phrase occurs within ``leadCharacters`` of the start (the
/// answer opens with a refusal), 0.6 when it occurs later (a partial refusal after some help), and
/// 0 otherwise. Default threshold 0.5.
public struct RefusalScanner: ScoreThresholdProviding {
    /// The scanner id used in findings.
    public let id: String
    /// How far into the answer a refusal counts as its opening.
    public let leadCharacters: Int

    /// The category of every finding.
    public static let category: Category = "refusal"
    /// The score key.
    public static let scoreKey = "refusal"

    /// The threshold the score was designed around.
    public var defaultThresholds: [String: Double] { [Self.scoreKey: 0.5] }

    static let outright = [
        "i must decline", "i have to decline", "i need to decline", "i must respectfully decline", "i'm not comfortable",
        "i am not comfortable", "i don't feel comfortable", "i do not feel comfortable", "as an ai language model, i",
        "as an ai, i cannot", "as an ai, i can't", "i'm not able to help", "i am not able to help", "i won't be able to help",
        "i will not be able to help", "it's not appropriate for me to", "it is not appropriate for me to",
        "i'm not going to help", "i am not going to help", "i refuse to", "against my guidelines", "against my programming",
        "i can't assist with that", "i cannot assist with that", "i can't help with that", "i cannot help with that",
    ]
    static let inability = [
        "i can't", "i cannot", "i can not", "i won't", "i will not", "i'm unable to", "i am unable to", "i'm not able to",
        "i am not able to", "i'm not allowed to", "i am not allowed to", "i'm not permitted to", "i am not permitted to",
        "unable to fulfill", "unable to comply", "can't fulfill", "cannot fulfill", "cannot comply", "can't comply",
    ]
    static let requestVerbs: Set<String> = [
        "help", "assist", "provide", "give", "write", "create", "generate", "produce", "share", "comply", "fulfill",
        "answer", "support", "engage", "do", "offer", "make", "explain", "describe", "discuss", "participate",
        "continue", "complete", "draft", "recommend", "disclose", "reveal", "tell", "facilitate", "encourage",
    ]

    /// Creates the scanner.
    public init(id: String = "refusal", leadCharacters: Int = 160) {
        self.id = id
        self.leadCharacters = max(1, leadCharacters)
    }

    /// The phrases as folded bytes and as Characters, made once.
    static let outrightBytes = outright.map { Array($0.utf8) }
    static let outrightCharacters = outright.map { Array($0) }
    static let inabilityBytes = inability.map { Array($0.utf8) }
    static let inabilityCharacters = inability.map { Array($0) }

    /// Scores an output text.
    public func scan(_ input: ScanInput) -> ScanOutcome {
        guard input.direction == .output else { return .empty }
        let folded = RefusalText(input.text)
        let found: Range<Int>?
        switch folded.units {
        case .bytes(let text): found = firstRefusal(in: text, outright: Self.outrightBytes, inability: Self.inabilityBytes)
        case .characters(let text):
            found = firstRefusal(in: text, outright: Self.outrightCharacters, inability: Self.inabilityCharacters)
        }
        guard let hit = found else { return ScanOutcome(scores: [Self.scoreKey: 0]) }
        let score = hit.lowerBound < leadCharacters ? 0.9 : 0.6
        let range = folded.originalRange(hit)
        let finding = Finding(scanner: id, category: Self.category, range: range, score: score, rule: "refusal_phrase")
        return ScanOutcome(findings: [finding], scores: [Self.scoreKey: score])
    }

    /// The range (in folded characters) of the first refusal phrase, if any.
    func firstRefusal<Unit: RefusalUnit>(in text: [Unit], outright: [[Unit]], inability: [[Unit]]) -> Range<Int>? {
        var best: Range<Int>?
        func consider(_ range: Range<Int>) {
            if let current = best, current.lowerBound <= range.lowerBound { return }
            best = range
        }
        let starts = RefusalText.wordStarts(in: text)
        for phrase in outright {
            if let range = RefusalText.find(phrase, in: text, from: 0, wordStarts: starts) { consider(range) }
        }
        for phrase in inability {
            var from = 0
            while let range = RefusalText.find(phrase, in: text, from: from, wordStarts: starts) {
                let following = RefusalText.words(in: text, after: range.upperBound, count: 4)
                if following.contains(where: Self.requestVerbs.contains) {
                    consider(range)
                    break
                }
                from = range.upperBound
            }
        }
        return best
    }
}
