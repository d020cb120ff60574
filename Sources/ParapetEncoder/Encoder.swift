import Foundation

/// A loaded BERT-family sentence encoder: tokenizer, weights and the forward pass, in process.
///
/// Immutable and `Sendable`: any number of tasks may call ``embed(_:pooling:normalize:)`` at
/// once; every call owns its scratch buffers. For throughput, run one inference per thread
/// across requests (the default `threads: 1`) rather than splitting small products over cores.
public final class Encoder: Sendable {
    /// The model's `config.json`.
    public let config: EncoderConfig
    /// The model's tokenizer.
    public let tokenizer: WordPieceTokenizer
    /// Tokens per window, `[CLS]` and `[SEP]` included (sentence-transformers' `max_seq_length`
    /// when the directory has one, else the position table size).
    public let windowLength: Int
    /// Tokens shared by consecutive windows of a long text.
    public let windowOverlap: Int
    /// Threads one forward pass may split its large products over (`init(directory:threads:)`).
    public let threads: Int
    let model: TransformerModel

    /// Loads a Hugging Face model directory (`config.json`, `vocab.txt`/`tokenizer.json`,
    /// `model.safetensors`). `threads` is how many threads one call may split its large
    /// products over (and OpenBLAS's process-wide count, used only to merge LoRA adapters).
    public convenience init(directory: String, threads: Int = 1) throws(EncoderError) {
        try self.init(directory: directory, threads: threads, adapter: nil)
    }

    /// Loads a model directory with a LoRA adapter merged into its weights.
    init(directory: String, threads: Int, adapter: LoRAAdapter?) throws(EncoderError) {
        guard threads >= 1 else { throw EncoderError(.invalidArgument, "threads must be at least 1") }
        let config = try EncoderConfig.load(path: directory + "/config.json")
        let tokenizer = try WordPieceTokenizer(directory: directory)
        guard tokenizer.vocabulary.tokens.count <= config.vocabSize else {
            throw EncoderError(.badTokenizer, "vocabulary has \(tokenizer.vocabulary.tokens.count) tokens, config says \(config.vocabSize)", path: directory)
        }
        let file = try SafetensorsFile(path: directory + "/model.safetensors")
        model = try TransformerModel(weights: ModelWeights(file: file, adapter: adapter), config: config)
        self.config = config
        self.tokenizer = tokenizer
        var window = config.maxPositionEmbeddings
        if let data = FileManager.default.contents(atPath: directory + "/sentence_bert_config.json"),
           case .object(let st)? = JSONValue.parse(data), let n = st["max_seq_length"]?.exactInt, n > 2 {
            window = min(n, window)
        }
        windowLength = window
        windowOverlap = max(0, (window - 2) / 4)
        self.threads = threads
        BLAS.setThreads(threads)
    }

    /// The kernel family OpenBLAS runs (`Haswell`, `Zen`, `SkylakeX`, `Prescott`…). OpenBLAS
    /// now only merges LoRA adapters at load; the forward pass runs on ``kernelName``.
    public static var blasCoreName: String { BLAS.coreName }

    /// The instruction set of Parapet's own forward-pass kernels (`avx2+fma` or `portable`;
    /// `PARAPET_KERNELS=portable` forces the portable C loops).
    public static var kernelName: String { Native.name }

    /// One pooled embedding per text. Long texts are read in overlapping windows: mean pooling
    /// averages over every window token, CLS pooling averages the windows' `[CLS]` states.
    public func embed(_ texts: [String], pooling: Pooling) throws(EncoderError) -> [[Float]] {
        try embed(texts, pooling: pooling, normalize: false)
    }

    /// As ``embed(_:pooling:)``, scaling each vector to unit length when `normalize` is true
    /// (sentence-transformers' `Normalize` module).
    public func embed(_ texts: [String], pooling: Pooling, normalize: Bool) throws(EncoderError) -> [[Float]] {
        let perText = texts.map { windows(of: $0) }
        let pooled = run(perText.flatMap { $0 }, pooling: pooling)
        var out: [[Float]] = []
        var w = 0
        for windows in perText {
            let parts = pooled[w..<(w + windows.count)]
            w += windows.count
            var v = combine(parts, weights: windows.map { Float($0.count) }, pooling: pooling)
            if normalize {
                let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
                if norm > 0 { v = v.map { $0 / norm } }
            }
            out.append(v)
        }
        return out
    }

    /// The pooled embedding of every window of one text, for classifier heads that score
    /// windows separately (so nothing at the end of a long prompt goes unseen).
    public func windowEmbeddings(_ text: String, pooling: Pooling) throws(EncoderError) -> [[Float]] {
        run(windows(of: text), pooling: pooling)
    }

    /// `[CLS] chunk [SEP]` id lists covering the text with overlapping chunks.
    func windows(of text: String) -> [[Int32]] {
        windows(of: text, length: windowLength, overlap: windowOverlap)
    }

    /// As ``windows(of:)`` with an explicit window length (specials included) and overlap.
    func windows(of text: String, length: Int, overlap windowOverlap: Int) -> [[Int32]] {
        windowsWithRanges(of: text, length: length, overlap: windowOverlap).windows.map(\.ids)
    }

    /// The windows of `text` with the content-token range each covers, and the content token count.
    /// A non-empty `context` (content ids, already cut to length) follows every window as
    /// `context [SEP]`, outside the pooled rows.
    func windowsWithRanges(of text: String, length: Int, overlap: Int, context: [Int32] = []) -> (windows: [EncoderWindow], tokenCount: Int) {
        let content = tokenizer.tokenize(text)
        let ranges = Self.windowRanges(tokenCount: content.count, length: length, overlap: overlap)
        return (windows(content: content, ranges: ranges, context: context), content.count)
    }

    /// `[CLS] content[range] [SEP]` for each of `ranges` (content-token ranges, which may have
    /// different lengths), each followed by `context [SEP]` when `context` is not empty.
    func windows(content: [Int32], ranges: [Range<Int>], context: [Int32] = []) -> [EncoderWindow] {
        ranges.map { range in
            let framed = tokenizer.frame(content[range]).ids
            let ids = context.isEmpty ? framed : framed + context + [tokenizer.sepId]
            return EncoderWindow(ids: ids, pooledCount: framed.count, tokens: range)
        }
    }

    /// Content-token ranges of `[CLS] chunk [SEP]` windows of `length` tokens that overlap by
    /// `overlap` tokens and cover `tokenCount` tokens (one empty range for an empty text).
    static func windowRanges(tokenCount: Int, length: Int, overlap: Int) -> [Range<Int>] {
        let size = length - 2
        guard tokenCount > size else { return [0..<tokenCount] }
        let stride = max(1, size - overlap)
        var out: [Range<Int>] = []
        var start = 0
        while true {
            let end = min(start + size, tokenCount)
            out.append(start..<end)
            if end == tokenCount { break }
            start += stride
        }
        return out
    }

    /// Pooled vectors of id sequences, run in packed batches of at most ``batchTokens`` tokens
    /// (a longer single sequence runs alone). `pooledCounts[i]` (default: every row) is how many
    /// leading rows of sequence i pooling reads.
    func run(_ sequences: [[Int32]], pooledCounts: [Int]? = nil, pooling: Pooling) -> [[Float]] {
        let c = config.hiddenSize
        var out: [[Float]] = []
        var i = 0
        while i < sequences.count {
            var batch: [[Int32]] = []
            var tokens = 0
            while i < sequences.count, batch.isEmpty || tokens + sequences[i].count <= Self.batchTokens {
                tokens += sequences[i].count
                batch.append(sequences[i])
                i += 1
            }
            let states = model.forward(batch, threads: threads)
            var r0 = 0
            for ids in batch {
                let pooled = pooledCounts.map { $0[out.count] } ?? ids.count
                out.append(pooling.pool(states[(r0 * c)...], length: pooled, hidden: c))
                r0 += ids.count
            }
        }
        return out
    }

    /// Tokens per packed batch: 512 rows keep every product efficient (the kernels block rows
    /// by 6) while the per-call scratch stays near 10 MB for MiniLM instead of growing with
    /// the batch (4,096 tokens needed ~70 MB, half the int8 model's memory budget).
    static let batchTokens = 512

    private func combine(_ parts: ArraySlice<[Float]>, weights: [Float], pooling: Pooling) -> [Float] {
        guard parts.count > 1, let first = parts.first else { return parts.first ?? [] }
        let w = pooling == .mean ? weights : [Float](repeating: 1, count: parts.count)
        let total = w.reduce(0, +)
        var v = [Float](repeating: 0, count: first.count)
        for (p, wi) in zip(parts, w) {
            for j in 0..<v.count { v[j] += p[j] * wi / total }
        }
        return v
    }
}
