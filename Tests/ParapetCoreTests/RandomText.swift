import ParapetTestSupport

/// Random text built from a mix of ASCII, obfuscation characters and tricky Unicode.
enum RandomText {
    /// Pieces the generator draws from: plain ASCII, the characters the normalizer edits,
    /// combining marks, astral scalars, emoji sequences, CJK and Hangul.
    static let pieces: [String] = [
        "a", "b", "e", "i", " ", "x", "Z", "1", ".", "\n", "ignore", "word",
        "\u{200B}", "\u{200D}", "\u{FEFF}", "\u{00AD}", "\u{202E}", "\u{2066}", "\u{200F}", "\u{061C}",
        "\u{E0041}", "\u{E0069}", "\u{E0001}", "\u{E007F}",
        "\u{301}", "\u{323}", "\u{308}", "é", "É", "ß", "ẞ", "İ", "ﬁ", "ﬃ", "Ａ", "ｂ", "①", "ⓐ", "𝐀", "𝕫",
        "а", "е", "о", "р", "с", "Α", "Ο", "Ρ", "ѕ", "і", "中", "文", "한", "\u{1100}", "\u{1161}", "\u{11A8}",
        "😀", "👍🏽", "👨‍👩‍👧", "🇫🇷", "\u{0B47}", "\u{0B3E}", "क", "\u{094D}", "ष", "Ω", "\u{2126}", "K", "\r\n",
        "\u{E9}\u{301}", "\u{600}1",
    ]

    static func make(using rng: inout SeededGenerator, maxPieces: Int = 24) -> String {
        let count = Int.random(in: 0...maxPieces, using: &rng)
        var s = ""
        for _ in 0..<count { s += pieces[Int.random(in: 0..<pieces.count, using: &rng)] }
        return s
    }
}

extension String {
    /// Whether `offset` is a UTF-8 scalar boundary of this string.
    func isScalarBoundary(_ offset: Int) -> Bool {
        let bytes = Array(utf8)
        guard offset > 0, offset < bytes.count else { return offset == 0 || offset == bytes.count }
        return bytes[offset] & 0xC0 != 0x80
    }

    /// The substring at UTF-8 byte range `range`.
    func bytes(_ range: Range<Int>) -> String {
        String(decoding: Array(utf8)[range], as: UTF8.self)
    }
}
