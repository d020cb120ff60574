import Foundation

/// The ids of one tokenized text, with its attention mask.
public struct Encoding: Sendable, Hashable {
    /// Token ids, `[CLS] … [SEP]` then padding.
    public var ids: [Int32]
    /// 1 for real tokens, 0 for padding.
    public var attentionMask: [Int32]
    /// The number of real tokens (specials included).
    public var length: Int { attentionMask.reduce(0) { $0 + Int($1) } }
}

/// A BERT WordPiece tokenizer that matches Hugging Face's `BertTokenizerFast` token for token.
///
/// It is immutable and `Sendable`: every call runs its own ``Session`` with its own buffers
/// (the `llm_tokenizer_wpm` shape), so one tokenizer serves any number of tasks at once.
public struct WordPieceTokenizer: Sendable {
    /// The vocabulary.
    public let vocabulary: Vocabulary
    /// Normalizer and model settings.
    public let options: TokenizerOptions
    /// Ids of the special tokens.
    public let unkId: Int32, clsId: Int32, sepId: Int32, padId: Int32
    let prefix: [UInt8]
    /// Added tokens as UTF-8 bytes with their ids, longest first.
    let added: [(bytes: [UInt8], id: Int32)]

    /// Builds a tokenizer; throws when a special token is missing from the vocabulary.
    public init(vocabulary: Vocabulary, options: TokenizerOptions = TokenizerOptions()) throws(EncoderError) {
        func special(_ t: String) throws(EncoderError) -> Int32 {
            guard let id = vocabulary.id(t) else {
                throw EncoderError(.badTokenizer, "special token \(t) is not in the vocabulary")
            }
            return id
        }
        self.vocabulary = vocabulary
        self.options = options
        unkId = try special(options.unkToken)
        clsId = try special(options.clsToken)
        sepId = try special(options.sepToken)
        padId = try special(options.padToken)
        prefix = Array(options.continuingSubwordPrefix.utf8)
        added = options.addedTokens.compactMap { t in vocabulary.id(t).map { (Array(t.utf8), $0) } }
            .filter { !$0.0.isEmpty }.sorted { $0.0.count > $1.0.count }
    }

    /// Loads `vocab.txt` and the settings of a Hugging Face model directory.
    public init(directory: String) throws(EncoderError) {
        let vocab = try Vocabulary.load(vocabTxt: directory + "/vocab.txt")
        try self.init(vocabulary: vocab, options: TokenizerOptions.load(directory: directory))
    }

    /// The WordPiece ids of `text`, without special tokens, padding or truncation.
    public func tokenize(_ text: String) -> [Int32] {
        var session = Session(tokenizer: self)
        return session.run(text)
    }

    /// `[CLS] ids [SEP]`, truncated to `maxLength` tokens and right-padded to `padTo`.
    public func encode(_ text: String, maxLength: Int? = nil, padTo: Int? = nil) -> Encoding {
        var content = tokenize(text)
        if let maxLength { content = Array(content.prefix(max(0, maxLength - 2))) }
        return frame(content, padTo: padTo)
    }

    /// Wraps content ids in `[CLS] … [SEP]` and pads to `padTo`.
    public func frame(_ content: some Collection<Int32>, padTo: Int? = nil) -> Encoding {
        var ids = [clsId] + content + [sepId]
        var mask = [Int32](repeating: 1, count: ids.count)
        if let padTo, padTo > ids.count {
            ids += [Int32](repeating: padId, count: padTo - ids.count)
            mask += [Int32](repeating: 0, count: padTo - mask.count)
        }
        return Encoding(ids: ids, attentionMask: mask)
    }
}
