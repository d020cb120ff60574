public import ParapetCore

/// A scanner that reports a trained classifier's probabilities as ``ScanOutcome/scores``.
///
/// It runs the tasks of its bundle that apply to the text's direction (a task's `direction` is
/// `input`, `output` or `both`) and reports every label's probability, max over windows, keyed
/// by label (`injection`, `toxicity`, `toxicity.hate`, …). A bundle that reads contexts gets a
/// prompt's system prompt (`ScanContext.systemPrompt`); answers are scored alone. It reports no
/// span findings: policy rules test the scores with `when: {score: <label>, threshold: x}`.
public struct ClassifierScanner: ScoreOnlyScanner {
    /// The scanner id.
    public let id: String
    /// The loaded classifier, shared with every other scanner using the same bundle.
    public let classifier: Classifier
    /// The tasks this scanner runs (all of the bundle's unless a subset was asked for).
    public let tasks: [String]
    /// The longest text scored, in WordPieces; a longer one is a scanner error (`text_too_long`),
    /// which the policy's `on_scanner_error` turns into a block (the default) or a pass.
    public let maxTokens: Int
    /// ``maxTokens`` unless a policy sets `max_tokens`: 16,384 WordPieces, 86 encoder windows,
    /// about 16 s of one core of the 2-core AMD VM (0.2 s a window; about 1.4× that with a
    /// bundle's 64-token short windows). Scoring costs time in
    /// proportion to the tokens (punctuation is a token a byte, prose about one per four bytes),
    /// so without a bound one 3.6 MB proxy request kept a core busy for 13 minutes.
    public static let defaultMaxTokens = 16_384
    private let inputTasks: Set<String>
    private let outputTasks: Set<String>

    /// A scanner running `tasks` (nil: all) of `classifier`.
    /// - Throws: ``ScannerConfigurationError`` (`bad_parameter`) for a task the bundle lacks.
    public init(id: String = "classifier", classifier: Classifier, tasks: [String]? = nil, maxTokens: Int = defaultMaxTokens) throws {
        let known = classifier.manifest.tasks.map(\.name)
        for task in tasks ?? [] where !known.contains(task) {
            throw ScannerConfigurationError(
                code: "bad_parameter",
                message: "bundle \(classifier.manifest.name) has no task '\(task)' (tasks: \(known.joined(separator: ", ")))",
                parameter: "tasks")
        }
        let chosen = tasks ?? known
        self.id = id
        self.classifier = classifier
        self.maxTokens = maxTokens
        self.tasks = known.filter { chosen.contains($0) }
        let specs = classifier.manifest.tasks.filter { chosen.contains($0.name) }
        inputTasks = Set(specs.filter { $0.direction != .output }.map(\.name))
        outputTasks = Set(specs.filter { $0.direction != .input }.map(\.name))
    }

    /// The labels this scanner reports for `direction`, in manifest order.
    public func labels(for direction: Direction) -> [String] {
        let run = direction == .input ? inputTasks : outputTasks
        return classifier.manifest.tasks.filter { run.contains($0.name) }.flatMap(\.labels)
    }

    /// The manifest's threshold of every label this scanner can report.
    public var defaultThresholds: [String: Double] {
        let mine = Set(tasks)
        return classifier.manifest.tasks.filter { mine.contains($0.name) }
            .reduce(into: [:]) { $0.merge($1.thresholds) { a, _ in a } }
    }

    /// Scores the text with every task of its direction; no findings.
    /// - Throws: ``ScannerError`` `text_too_long` for a text over ``maxTokens``, and
    ///   `request_over_budget` for a text the task's ``ClassifierBudget`` cannot cover.
    public func scan(_ input: ScanInput) throws -> ScanOutcome {
        let run = input.direction == .input ? inputTasks : outputTasks
        guard !run.isEmpty else { return .empty }
        let budget = ClassifierBudget.current
        // A WordPiece covers at least one byte: without a budget, texts no longer than the limit
        // in bytes are not counted.
        if input.text.utf8.count > maxTokens || budget != nil {
            let tokens = classifier.tokenCount(input.text)
            guard tokens <= maxTokens else {
                throw ScannerError(
                    scanner: id, code: "text_too_long",
                    message: "the text is \(tokens) tokens, over the classifier's max_tokens (\(maxTokens)); it was not scored")
            }
            if let budget, !budget.draw(tokens) {
                throw ScannerError(
                    scanner: id, code: "request_over_budget",
                    message: "the request's texts come to more than \(budget.tokens) classifier tokens in all; "
                        + "this one (\(tokens) tokens) was not scored")
            }
        }
        // Contexts were trained on prompts only: answers are scored alone.
        let context = input.direction == .input ? input.context.systemPrompt : nil
        return ScanOutcome(scores: classifier.scores(input.text, context: context, tasks: run))
    }
}
