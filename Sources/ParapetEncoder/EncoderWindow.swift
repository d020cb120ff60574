/// One window of a text as the encoder reads it: `[CLS] chunk [SEP]`, optionally followed by a
/// context (a system prompt) and `[SEP]`.
struct EncoderWindow: Sendable, Hashable {
    /// The token ids, specials included.
    var ids: [Int32]
    /// How many leading rows pooling reads: `[CLS] chunk [SEP]`. The context rows after them act
    /// only through attention, so a window without context pools exactly as before.
    var pooledCount: Int
    /// The range of the text's content tokens the chunk covers.
    var tokens: Range<Int>
}
