import Foundation

/// Undoes cheap obfuscation (invisible characters, bidi tricks, tag smuggling, compatibility
/// forms, look-alike letters) so scanners see what a human or a model would read, while keeping
/// an exact map back to the original text.
///
/// Steps, in order (each switchable in ``Options``, all on by default):
/// 1. remove invisible characters: zero-width ones (U+200B–U+200D, U+2060, U+FEFF, U+180E), the
///    soft hyphen U+00AD and the other default-ignorable code points (invisible operators
///    U+2061–U+2064, U+034F, variation selectors U+FE00–U+FE0F and U+E0100–U+E01EF, Hangul fillers,
///    …), and nonspacing or enclosing marks on digits and other numeric characters (`4◌́111`);
/// 2. remove bidi controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C);
/// 3. decode Unicode tag characters (U+E0020–U+E007E) as the ASCII characters they shadow and
///    drop the other tag code points (U+E0000–U+E001F, U+E007F). Tags are invisible but models
///    read them, so "ASCII smuggling" hides instructions in them; decoding (rather than deleting)
///    lets injection and ban-list scanners see the hidden text;
/// 4. NFKC (fullwidth and compatibility forms, ligatures, circled and mathematical letters,
///    `e`+`◌́`→`é`…), applied chunk by chunk to non-ASCII text only: a chunk is a scalar that
///    can never combine with what precedes it plus the scalars that may combine with it, so
///    per-chunk NFKC equals NFKC of the whole text; chunks that cannot change skip it;
/// 5. fold common homoglyphs: Cyrillic, Greek and a few other letters that look Latin (`а`→`a`,
///    `Ρ`→`P`, …), and the dashes NFKC keeps (U+2010–U+2015, U+2043, minus U+2212) to `-`, so a
///    number written with en dashes or non-breaking hyphens (`536–22–1234`, `555‑2671`) is found
///    whole; and decimal digits of other scripts (`٤١١١`, `५३६`) to ASCII digits. Folding is for
///    detection only: it garbles genuine Greek or Cyrillic words, so
///    normalize ban-list terms the same way (``BanListScanner`` does).
///
/// ASCII-only text (the common case) comes back as an identity result without any allocation.
public struct Normalizer: Sendable {
    /// The normalization steps to apply.
    public struct Options: OptionSet, Sendable, Hashable {
        /// The raw bit set.
        public let rawValue: UInt8
        /// Creates options from raw bits.
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        /// Remove zero-width characters and the soft hyphen.
        public static let removeZeroWidth = Options(rawValue: 1 << 0)
        /// Remove bidirectional controls.
        public static let removeBidiControls = Options(rawValue: 1 << 1)
        /// Decode Unicode tag characters as ASCII (and drop the non-printing tags).
        public static let decodeTagCharacters = Options(rawValue: 1 << 2)
        /// Apply NFKC (chunk by chunk, on non-ASCII text).
        public static let nfkc = Options(rawValue: 1 << 3)
        /// Fold look-alike letters to Latin.
        public static let foldHomoglyphs = Options(rawValue: 1 << 4)
        /// Every step.
        public static let all: Options = [.removeZeroWidth, .removeBidiControls, .decodeTagCharacters, .nfkc, .foldHomoglyphs]
    }

    /// The steps this normalizer applies.
    public let options: Options

    /// Creates a normalizer applying `options` (every step by default).
    public init(options: Options = .all) {
        self.options = options
    }

    /// Normalizes `text`, returning the normalized text and its map back to `text`.
    public func normalize(_ text: String) -> NormalizedText {
        guard !options.isEmpty else { return NormalizedText(identity: text) }
        var contiguous = text
        contiguous.makeContiguousUTF8()
        let result = contiguous.utf8.withContiguousStorageIfAvailable { bytes -> NormalizedText in
            guard !Self.isASCII(bytes) else { return NormalizedText(identity: text) }
            var builder = NormalizationBuilder(options: options, bytes: bytes)
            return builder.run(original: text)
        }
        return result ?? NormalizedText(identity: text)
    }

    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var i = 0
        let count = bytes.count
        // Eight bytes at a time, then the tail.
        while i + 8 <= count {
            let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            if word & 0x8080_8080_8080_8080 != 0 { return false }
            i += 8
        }
        while i < count {
            if bytes[i] >= 0x80 { return false }
            i += 1
        }
        return true
    }
}
