/// A text's words (maximal runs of letters, digits and combining marks), lowercased, with the
/// UTF-8 byte range of each in the text. For comparisons that must ignore case, spacing and
/// punctuation.
struct WordSpans: Sendable {
    /// The words, lowercased.
    let words: [String]
    /// Each word's UTF-8 byte range in the text.
    let spans: [Range<Int>]
    /// The text's UTF-8 bytes.
    let bytes: [UInt8]

    /// Splits `text` into words.
    init(_ text: String) {
        var words: [String] = []
        var spans: [Range<Int>] = []
        var offset = 0
        var start: Int?
        var current = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let isWordScalar = scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                || scalar.properties.generalCategory == .nonspacingMark
            if isWordScalar {
                if start == nil { start = offset }
                current.append(scalar)
            } else if let begin = start {
                words.append(String(current).lowercased())
                spans.append(begin..<offset)
                current.removeAll()
                start = nil
            }
            offset += UTF8.width(scalar)
        }
        if let begin = start {
            words.append(String(current).lowercased())
            spans.append(begin..<offset)
        }
        self.words = words
        self.spans = spans
        self.bytes = Array(text.utf8)
    }

    /// Whether word `index` stands alone between two quotes (`"x"`, `'x'`, `` `x` ``, `“x”`, `«x»`).
    func isQuoted(_ index: Int) -> Bool {
        let span = spans[index]
        guard span.lowerBound > 0, span.upperBound < bytes.count else { return false }
        let before = bytes[span.lowerBound - 1], after = bytes[span.upperBound]
        if Self.asciiQuotes.contains(before) { return before == after }
        return Self.typographicOpening.contains(before) && Self.typographicClosing.contains(after)
    }

    private static let asciiQuotes: Set<UInt8> = [0x22, 0x27, 0x60]
    // Typographic quotes end in 0x9C/0x9D (“ ”), 0x98/0x99 (‘ ’) after E2 80, or « » (C2 AB/BB).
    private static let typographicOpening: Set<UInt8> = [0x9C, 0x98, 0xAB]
    private static let typographicClosing: Set<UInt8> = [0x9D, 0x99, 0xBB, 0x9C, 0x98, 0xAB]
}
