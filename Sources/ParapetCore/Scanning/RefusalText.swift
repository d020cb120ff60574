/// The opening of an answer folded for phrase matching (lowercased, typographic quotes
/// straightened, whitespace runs as one space), with each folded character's UTF-8 byte range in
/// the original text.
struct RefusalText {
    /// The longest opening looked at, in characters.
    static let limit = 2_000

    /// The folded characters.
    let text: [Character]
    private let byteRanges: [Range<Int>]

    init(_ original: String) {
        var text: [Character] = []
        var byteRanges: [Range<Int>] = []
        var offset = 0
        for character in original {
            let width = character.utf8.count
            defer { offset += width }
            if text.count >= Self.limit { break }
            let folded: Character
            switch character {
            case "\u{2019}", "\u{2018}", "\u{02BC}": folded = "'"
            case "\u{201C}", "\u{201D}": folded = "\""
            default:
                if character.isWhitespace {
                    if text.last == " " {
                        byteRanges[byteRanges.count - 1] = byteRanges[byteRanges.count - 1].lowerBound..<(offset + width)
                        continue
                    }
                    folded = " "
                } else {
                    folded = Character(character.lowercased().count == 1 ? character.lowercased() : String(character))
                }
            }
            text.append(folded)
            byteRanges.append(offset..<(offset + width))
        }
        self.text = text
        self.byteRanges = byteRanges
    }

    /// The UTF-8 byte range in the original text of folded characters `range`.
    func originalRange(_ range: Range<Int>) -> Range<Int> {
        byteRanges[range.lowerBound].lowerBound..<byteRanges[range.upperBound - 1].upperBound
    }

    /// The first occurrence of `phrase` in `text` at or after `from` that starts and ends on a word
    /// boundary.
    static func find(_ phrase: [Character], in text: [Character], from: Int = 0) -> Range<Int>? {
        guard !phrase.isEmpty, text.count >= phrase.count, from <= text.count - phrase.count else { return nil }
        for start in from...(text.count - phrase.count) where text[start] == phrase[0] {
            guard text[start..<(start + phrase.count)].elementsEqual(phrase) else { continue }
            let end = start + phrase.count
            let startsWord = start == 0 || !isWordCharacter(text[start - 1])
            let endsWord = end == text.count || !isWordCharacter(text[end]) || !isWordCharacter(phrase[phrase.count - 1])
            if startsWord && endsWord { return start..<end }
        }
        return nil
    }

    /// Up to `count` words of `text` after position `index`, lowercased letters only.
    static func words(in text: [Character], after index: Int, count: Int) -> [String] {
        var words: [String] = []
        var current = ""
        var position = index
        while position < text.count, words.count < count {
            let character = text[position]
            if character.isLetter {
                current.append(character)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
                if character == "." || character == "!" || character == "?" { break }
            }
            position += 1
        }
        if !current.isEmpty, words.count < count { words.append(current) }
        return words
    }

    private static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "'"
    }
}
