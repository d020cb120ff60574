/// A loaded classifier bundle: the backbone with its adapter merged, plus every task's head.
///
/// One encoder pass per window serves all tasks. A long text is tokenized once and cut into
/// overlapping windows of the bundle's `max_tokens`; each label reports its maximum probability
/// over the windows, so an attack at the end of a long prompt is seen. Immutable and `Sendable`:
/// any number of tasks may score texts at once.
public final class Classifier: Sendable {
    /// The verified bundle.
    public let bundle: ClassifierBundle
    /// The backbone with the adapter merged.
    public let encoder: Encoder
    /// Tokens per window, `[CLS]` and `[SEP]` included (the manifest's `max_tokens`).
    public let windowLength: Int
    /// Tokens shared by consecutive windows: (windowLength − 2) / 4, as the encoder does.
    public let windowOverlap: Int

    /// Builds the merged encoder for a verified bundle.
    public init(bundle: ClassifierBundle, threads: Int = 1) throws(EncoderError) {
        self.bundle = bundle
        encoder = try Encoder(directory: bundle.backboneDirectory, threads: threads, adapter: bundle.adapter)
        windowLength = bundle.manifest.maxTokens
        windowOverlap = max(0, (bundle.manifest.maxTokens - 2) / 4)
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
    public func scores(_ text: String, tasks: Set<String>? = nil) -> [String: Double] {
        scores([text], tasks: tasks)[0]
    }

    /// As ``scores(_:tasks:)`` for many texts, their windows packed into shared batches.
    public func scores(_ texts: [String], tasks: Set<String>? = nil) -> [[String: Double]] {
        let heads = bundle.heads.filter { tasks?.contains($0.task.name) ?? true }
        let perText = texts.map { windows(of: $0) }
        let pooled = encoder.run(perText.flatMap { $0 }, pooling: bundle.manifest.pooling)
        var out: [[String: Double]] = []
        out.reserveCapacity(texts.count)
        var w = 0
        for windows in perText {
            var best: [String: Double] = [:]
            for vector in pooled[w..<(w + windows.count)] {
                for head in heads {
                    for (label, p) in zip(head.task.labels, head.probabilities(vector)) {
                        best[label] = max(best[label] ?? 0, p)
                    }
                }
            }
            w += windows.count
            out.append(best)
        }
        return out
    }

    /// The probabilities of every label for each window of `text` separately.
    public func windowScores(_ text: String) -> [[String: Double]] {
        encoder.run(windows(of: text), pooling: bundle.manifest.pooling).map { vector in
            var scores: [String: Double] = [:]
            for head in bundle.heads {
                for (label, p) in zip(head.task.labels, head.probabilities(vector)) { scores[label] = p }
            }
            return scores
        }
    }

    /// The number of windows `text` is read in.
    public func windowCount(_ text: String) -> Int { windows(of: text).count }

    func windows(of text: String) -> [[Int32]] {
        encoder.windows(of: text, length: windowLength, overlap: windowOverlap)
    }
}
