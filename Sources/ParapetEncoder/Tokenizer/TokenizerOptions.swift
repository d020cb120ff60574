import Foundation

/// The normalizer and model settings of a BERT WordPiece tokenizer.
public struct TokenizerOptions: Sendable, Hashable {
    /// Remove control characters and turn whitespace into spaces.
    public var cleanText = true
    /// Put spaces around CJK ideographs so each is a word.
    public var handleChineseChars = true
    /// Strip accents (NFD, drop Mn); `nil` means "when lowercasing", as in the reference.
    public var stripAccents: Bool? = nil
    /// Lowercase every character.
    public var lowercase = true
    /// Words longer than this (in code points) become the unknown token.
    public var maxInputCharsPerWord = 100
    /// Prefix of word continuations.
    public var continuingSubwordPrefix = "##"
    /// Unknown, classification, separator and padding tokens.
    public var unkToken = "[UNK]", clsToken = "[CLS]", sepToken = "[SEP]", padToken = "[PAD]"

    /// Tokens matched verbatim in the raw text before normalization (the reference's
    /// `added_tokens` with `normalized: false`): a literal `[SEP]` in a text becomes the
    /// separator id, as in `BertTokenizerFast`.
    public var addedTokens: [String] = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]

    /// The defaults of `bert-base-uncased`.
    public init() {}

    /// Reads the settings from `tokenizer.json` (normalizer, model) when it exists, else from
    /// `tokenizer_config.json`, else the defaults.
    public static func load(directory: String) throws(EncoderError) -> TokenizerOptions {
        var o = TokenizerOptions()
        let tj = directory + "/tokenizer.json"
        if let data = FileManager.default.contents(atPath: tj) {
            guard case .object(let root)? = JSONValue.parse(data) else {
                throw EncoderError(.badTokenizer, "tokenizer.json is not a JSON object", path: tj)
            }
            if case .object(let n)? = root["normalizer"] {
                guard case .string("BertNormalizer")? = n["type"] else {
                    throw EncoderError(.badTokenizer, "only BertNormalizer is supported", path: tj)
                }
                if case .bool(let b)? = n["clean_text"] { o.cleanText = b }
                if case .bool(let b)? = n["handle_chinese_chars"] { o.handleChineseChars = b }
                if case .bool(let b)? = n["strip_accents"] { o.stripAccents = b }
                if case .bool(let b)? = n["lowercase"] { o.lowercase = b }
            }
            if case .array(let added)? = root["added_tokens"] {
                o.addedTokens = added.compactMap { entry in
                    guard case .object(let e) = entry, case .string(let content)? = e["content"] else { return nil }
                    return content
                }
            }
            if case .object(let m)? = root["model"] {
                guard case .string("WordPiece")? = m["type"] else {
                    throw EncoderError(.badTokenizer, "only WordPiece models are supported (BPE is not yet)", path: tj)
                }
                if let n = m["max_input_chars_per_word"]?.exactInt { o.maxInputCharsPerWord = n }
                if case .string(let s)? = m["continuing_subword_prefix"] { o.continuingSubwordPrefix = s }
                if case .string(let s)? = m["unk_token"] { o.unkToken = s }
            }
            return o
        }
        let tc = directory + "/tokenizer_config.json"
        if let data = FileManager.default.contents(atPath: tc), case .object(let c)? = JSONValue.parse(data) {
            if case .bool(let b)? = c["do_lower_case"] { o.lowercase = b }
            if case .bool(let b)? = c["strip_accents"] { o.stripAccents = b }
            if case .bool(let b)? = c["tokenize_chinese_chars"] { o.handleChineseChars = b }
        }
        return o
    }
}
