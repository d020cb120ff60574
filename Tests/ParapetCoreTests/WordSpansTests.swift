@testable import ParapetCore
import ParapetTestSupport
import Testing

/// `WordSpans` classifies and lower-cases ASCII by byte; that must give exactly the words and
/// spans of the Unicode-property definition it documents, on ASCII and on mixed text.
@Suite struct WordSpansTests {
    @Test func asciiFastPathMatchesTheUnicodeDefinition() {
        var rng = SeededGenerator(seed: 11)
        let ascii = ["Hello", "WORLD", " ", "-", "_", "b-a-n-a-n-a", "x9", "42", "'", "\"", ".", "\n", "Mc", "Q"]
        for round in 0..<2_000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...20, using: &rng) {
                text += Bool.random(using: &rng)
                    ? ascii[Int.random(in: ascii.indices, using: &rng)]
                    : RandomText.pieces[Int.random(in: RandomText.pieces.indices, using: &rng)]
            }
            let spans = WordSpans(text)
            let expected = Self.reference(text)
            #expect(spans.words == expected.words, "round \(round): \(text.debugDescription)")
            #expect(spans.spans == expected.spans, "round \(round): \(text.debugDescription)")
        }
    }

    @Test func wordsAreLowerCasedAndSplitOnEverythingElse() {
        let spans = WordSpans("Code: ÄBC-12, naïve 'X'.")
        #expect(spans.words == ["code", "äbc", "12", "naïve", "x"])
        #expect(spans.spans == [0..<4, 6..<10, 11..<13, 15..<21, 23..<24])
        #expect(spans.isQuoted(4))
    }

    /// The definition: runs of alphabetic, numeric or non-spacing-mark scalars, lower-cased.
    static func reference(_ text: String) -> (words: [String], spans: [Range<Int>]) {
        var words: [String] = [], spans: [Range<Int>] = []
        var offset = 0
        var start: Int?
        var current = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let isWord = scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                || scalar.properties.generalCategory == .nonspacingMark
            if isWord {
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
        return (words, spans)
    }
}
