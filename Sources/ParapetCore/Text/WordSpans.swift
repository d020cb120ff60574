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
    ///
    /// ASCII is classified and lower-cased by byte (exactly what the Unicode properties and
    /// `lowercased()` give it); only words with other scalars go through the Unicode tables.
    init(_ text: String) {
        var words: [String] = []
        var spans: [Range<Int>] = []
        var offset = 0
        var start: Int?
        var current: [UInt8] = []
        current.reserveCapacity(32)
        var currentIsASCII = true
        func endWord(at end: Int) {
            guard let begin = start else { return }
            let word = String(decoding: current, as: UTF8.self)
            words.append(currentIsASCII ? word : word.lowercased())
            spans.append(begin..<end)
            current.removeAll(keepingCapacity: true)
            currentIsASCII = true
            start = nil
        }
        for scalar in text.unicodeScalars {
            let width = UTF8.width(scalar)
            if scalar.isASCII {
                let byte = UInt8(scalar.value)
                if (byte | 0x20) &- 97 < 26 || byte &- 48 < 10 {
                    if start == nil { start = offset }
                    current.append(byte &- 65 < 26 ? byte | 0x20 : byte)
                } else {
                    endWord(at: offset)
                }
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                || scalar.properties.generalCategory == .nonspacingMark
            {
                if start == nil { start = offset }
                UTF8.encode(scalar) { current.append($0) }
                currentIsASCII = false
            } else {
                endWord(at: offset)
            }
            offset += width
        }
        endWord(at: offset)
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
