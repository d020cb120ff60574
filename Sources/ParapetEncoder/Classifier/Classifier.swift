/// A loaded classifier bundle: the backbone with its adapter merged, plus every task's head and
/// the optional n-gram model stacked with some of them.
///
/// One encoder pass per window serves all tasks. A long text is tokenized once and cut into
/// overlapping windows of the bundle's `max_tokens`; each label reports its maximum probability
/// over the windows, so an attack at the end of a long prompt is seen. A text longer than one
/// window is also read in short windows (`short_window_tokens`), where a short attack is not
/// averaged away by a window of benign text around it. A bundle with
/// `context_tokens` also reads a context (the system prompt the text was written under): its first
/// `context_tokens` WordPieces follow every window as `context [SEP]`, pooled over the window's own
/// rows only. A bundle may ask for letter spacing to be undone before the encoder reads a text
/// (`text_transforms`). Immutable and `Sendable`: any number of tasks may score texts at once.
public final class Classifier: Sendable {
    /// The verified bundle.
    public let bundle: ClassifierBundle
    /// The backbone with the adapter merged.
    public let encoder: Encoder
    /// Tokens per window, `[CLS]` and `[SEP]` included (the manifest's `max_tokens`).
    public let windowLength: Int
    /// Tokens shared by consecutive windows: (windowLength − 2) / 4, as the encoder does.
    public let windowOverlap: Int
    /// Tokens per short window, `[CLS]` and `[SEP]` included (the manifest's `short_window_tokens`;
    /// 0: none). A text longer than one full window is read in these too, every label taking its
    /// maximum over both kinds: mean pooling over a full 256-token window dilutes a ~13-token
    /// attack below the threshold wherever it sits in a long text, over 64 tokens it does not.
    /// A text that fits one full window is read exactly as without them.
    public let shortWindowLength: Int
    /// Tokens shared by consecutive short windows: `shortWindowLength / 2 − 2`, so each starts half
    /// a window after the previous one (64 tokens: 62 content tokens, a stride of 32).
    public var shortWindowOverlap: Int { max(0, shortWindowLength / 2 - 2) }
    /// The tasks whose labels count the short windows (the manifest's `short_window_tasks`; the
    /// shipped bundle: `injection` only, since short windows of long benign texts raised more
    /// toxicity flags on dev than they caught).
    public let shortWindowTasks: Set<String>
    /// WordPieces of a context read after every window (the manifest's `context_tokens`; 0: the
    /// bundle reads texts alone and ignores contexts).
    public let contextTokens: Int
    /// Whether the encoder reads texts with letter spacing undone (manifest `text_transforms`).
    public let collapsesLetterSpacing: Bool

    /// Builds the merged encoder for a verified bundle.
    public init(bundle: ClassifierBundle, threads: Int = 1) throws(EncoderError) {
        self.bundle = bundle
        encoder = try Encoder(directory: bundle.backboneDirectory, threads: threads, adapter: bundle.adapter)
        windowLength = bundle.manifest.maxTokens
        windowOverlap = max(0, (bundle.manifest.maxTokens - 2) / 4)
        shortWindowLength = bundle.manifest.shortWindowTokens
        shortWindowTasks = bundle.manifest.shortWindowTasks ?? Set(bundle.manifest.tasks.map(\.name))
        contextTokens = bundle.manifest.contextTokens
        collapsesLetterSpacing = bundle.manifest.textTransforms.contains("collapse_letter_spacing")
    }

    /// Loads and verifies the bundle in `directory`, then builds the merged encoder.
    public convenience init(directory: String, modelsDirectory: String, threads: Int = 1) throws(EncoderError) {
        try self.init(bundle: ClassifierBundle(directory: directory, modelsDirectory: modelsDirectory), threads: threads)
    }

    /// The manifest.
    public var manifest: ClassifierManifest { bundle.manifest }

    /// Every label, in manifest order.
    public var labels: [String] { bundle.manifest.labels }

    /// Every label's threshold from the manifest.
    public var thresholds: [String: Double] {
        bundle.manifest.tasks.reduce(into: [:]) { $0.merge($1.thresholds) { a, _ in a } }
    }

    /// Probability per label of the chosen tasks (all when `tasks` is nil), max over windows.
    /// `context` is the system prompt the text was written under (read only when the bundle has
    /// ``contextTokens``).
    public func scores(_ text: String, context: String? = nil, tasks: Set<String>? = nil) -> [String: Double] {
        scores([text], contexts: [context], tasks: tasks)[0]
    }

    /// As ``scores(_:context:tasks:)`` for many texts, their windows packed into shared batches.
    /// `contexts` is empty (no contexts) or has one entry per text.
    public func scores(_ texts: [String], contexts: [String?] = [], tasks: Set<String>? = nil) -> [[String: Double]] {
        precondition(contexts.isEmpty || contexts.count == texts.count, "one context per text")
        let heads = bundle.heads.filter { tasks?.contains($0.task.name) ?? true }
        let perText = texts.indices.map { windowsWithLexical(of: texts[$0], context: contexts.isEmpty ? nil : contexts[$0]) }
        let all = perText.flatMap { $0.map(\.window) }
        let pooled = encoder.run(all.map(\.ids), pooledCounts: all.map(\.pooledCount), pooling: bundle.manifest.pooling)
        var out: [[String: Double]] = []
        out.reserveCapacity(texts.count)
        var w = 0
        let shortHeads = heads.filter { shortWindowTasks.contains($0.task.name) }
        for windows in perText {
            var best: [String: Double] = [:]
            for (window, vector) in zip(windows, pooled[w..<(w + windows.count)]) {
                for (label, p) in labelScores(vector, heads: window.isShort ? shortHeads : heads, lexical: window.lexical) {
                    best[label] = max(best[label] ?? 0, p)
                }
            }
            w += windows.count
            out.append(best)
        }
        return out
    }

    /// The probabilities of every label for each window of `text` separately (full windows, then
    /// short ones, which carry only the labels of ``shortWindowTasks``).
    public func windowScores(_ text: String, context: String? = nil) -> [[String: Double]] {
        let windows = windowsWithLexical(of: text, context: context)
        let pooled = encoder.run(windows.map(\.window.ids), pooledCounts: windows.map(\.window.pooledCount),
                                 pooling: bundle.manifest.pooling)
        let shortHeads = bundle.heads.filter { shortWindowTasks.contains($0.task.name) }
        return zip(windows, pooled).map { window, vector in
            Dictionary(labelScores(vector, heads: window.isShort ? shortHeads : bundle.heads, lexical: window.lexical)) { first, _ in first }
        }
    }

    /// Every label of `heads` for one window; a task with a lexical stack reports the stacked
    /// probability as its overall label.
    private func labelScores(_ vector: [Float], heads: [ClassifierHead], lexical: [String: Double]) -> [(String, Double)] {
        var out: [(String, Double)] = []
        for head in heads {
            for (label, p) in zip(head.task.labels, head.probabilities(vector)) {
                if label == head.task.name, let stack = bundle.lexical?.stacks[label], let s = lexical[label] {
                    out.append((label, stack.probability(encoder: p, lexical: s)))
                } else {
                    out.append((label, p))
                }
            }
        }
        return out
    }

    /// The windows of `text` (after the bundle's text transforms; each followed by the context when
    /// the bundle reads one) with the n-gram model's decision values on the bytes of the text as
    /// given that each covers (empty without a lexical model; it never reads the context).
    /// `isShort` marks the short windows (``shortWindowLength``), which follow the full ones.
    private func windowsWithLexical(of text: String, context: String?) -> [(window: EncoderWindow, lexical: [String: Double], isShort: Bool)] {
        let content = encoder.tokenizer.tokenize(encoderText(text))
        let tokenCount = content.count
        let (full, short) = windowRanges(tokenCount: tokenCount)
        let fullCount = full.count
        let windows = encoder.windows(content: content, ranges: full + short, context: contextIDs(context))
        guard let lexical = bundle.lexical else { return windows.enumerated().map { ($1, [:], $0 >= fullCount) } }
        let bytes = Array(text.utf8)
        return windows.enumerated().map { i, window in
            let span = Self.byteSpan(of: window.tokens, tokenCount: tokenCount, windowCount: windows.count, in: bytes)
            return (window, lexical.windowDecisionValues(bytes[span], windowCount: windows.count), i >= fullCount)
        }
    }

    /// The text the encoder reads: `text` after the manifest's text transforms.
    func encoderText(_ text: String) -> String {
        collapsesLetterSpacing ? LetterSpacing.collapse(text) : text
    }

    /// The context's first ``contextTokens`` WordPieces (none without a context or when the bundle
    /// reads texts alone).
    public func contextIDs(_ context: String?) -> [Int32] {
        guard contextTokens > 0, let context, !context.isEmpty else { return [] }
        return Array(encoder.tokenizer.tokenize(context).prefix(contextTokens))
    }

    /// The bytes the n-gram model reads for a window: the whole text when there is one window,
    /// else the byte range proportional to the window's tokens, widened by an eighth of its length
    /// on each side (token offsets are not tracked) and moved out to whole UTF-8 scalars.
    static func byteSpan(of tokens: Range<Int>, tokenCount: Int, windowCount: Int, in bytes: [UInt8]) -> Range<Int> {
        let n = bytes.count
        guard windowCount > 1, tokenCount > 0 else { return 0..<n }
        var lower = tokens.lowerBound * n / tokenCount
        var upper = (tokens.upperBound * n + tokenCount - 1) / tokenCount
        let margin = (upper - lower) / 8
        lower = max(0, lower - margin)
        upper = min(n, upper + margin)
        while lower > 0, bytes[lower] & 0xC0 == 0x80 { lower -= 1 }
        while upper < n, bytes[upper] & 0xC0 == 0x80 { upper += 1 }
        return lower..<upper
    }

    /// The number of WordPieces the encoder reads for `text` (after the text transforms).
    public func tokenCount(_ text: String) -> Int { encoder.tokenizer.tokenize(encoderText(text)).count }

    /// The content-token ranges of a text of `tokenCount` WordPieces: the full windows and, when
    /// there is more than one full window and the bundle has ``shortWindowLength``, the short ones
    /// (read after the full ones).
    func windowRanges(tokenCount: Int) -> (full: [Range<Int>], short: [Range<Int>]) {
        let full = Encoder.windowRanges(tokenCount: tokenCount, length: windowLength, overlap: windowOverlap)
        guard full.count > 1, shortWindowLength > 0 else { return (full, []) }
        return (full, Encoder.windowRanges(tokenCount: tokenCount, length: shortWindowLength, overlap: shortWindowOverlap))
    }

    /// The number of windows `text` is read in (full and short).
    public func windowCount(_ text: String) -> Int { windows(of: text).count }

    func windows(of text: String) -> [[Int32]] {
        let content = encoder.tokenizer.tokenize(encoderText(text))
        let (full, short) = windowRanges(tokenCount: content.count)
        return encoder.windows(content: content, ranges: full + short).map(\.ids)
    }
}
