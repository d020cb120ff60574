/// The opening of an answer folded for phrase matching (lowercased, typographic quotes
/// straightened, whitespace runs as one space), with each folded character's UTF-8 byte range in
/// the original text.
///
/// An answer that is ASCII apart from typographic quotes (most are) is folded byte by byte;
/// any other answer Character by Character. Both give the same folded characters, so the same
/// matches; bytes are several times faster to compare.
struct RefusalText {
    /// The longest opening looked at, in characters.
    static let limit = 2_000

    /// The folded characters, in one of two representations.
    enum Units {
        case bytes([UInt8])
        case characters([Character])
    }

    /// The folded characters.
    let units: Units
    private let byteRanges: [Range<Int>]

    init(_ original: String) {
        if let (bytes, ranges) = Self.foldBytes(original) {
            units = .bytes(bytes)
            byteRanges = ranges
        } else {
            let (characters, ranges) = Self.foldCharacters(original)
            units = .characters(characters)
            byteRanges = ranges
        }
    }

    /// The UTF-8 byte range in the original text of folded characters `range`.
    func originalRange(_ range: Range<Int>) -> Range<Int> {
        byteRanges[range.lowerBound].lowerBound..<byteRanges[range.upperBound - 1].upperBound
    }

    /// Folds an answer made of ASCII and the typographic quotes ’ ‘ ʼ “ ” byte by byte; nil for
    /// any other answer. ASCII has no grapheme clusters but CR LF, which folds to one space
    /// either way, so the result equals ``foldCharacters(_:)``'s.
    static func foldBytes(_ original: String) -> ([UInt8], [Range<Int>])? {
        var original = original
        return original.withUTF8 { foldBytes(utf8: $0) }
    }

    /// ``foldBytes(_:)`` on the answer's UTF-8, read in place (only its opening is looked at).
    private static func foldBytes(utf8: UnsafeBufferPointer<UInt8>) -> ([UInt8], [Range<Int>])? {
        var text: [UInt8] = []
        var byteRanges: [Range<Int>] = []
        text.reserveCapacity(min(utf8.count, limit))
        byteRanges.reserveCapacity(min(utf8.count, limit))
        var offset = 0
        while offset < utf8.count {
            var byte = utf8[offset]
            var width = 1
            if byte >= 0x80 {
                guard let (quote, length) = typographicQuote(utf8, at: offset) else { return nil }
                byte = quote
                width = length
            }
            defer { offset += width }
            if text.count >= limit { break }
            if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                if text.last == 0x20 {
                    byteRanges[byteRanges.count - 1] = byteRanges[byteRanges.count - 1].lowerBound..<(offset + width)
                    continue
                }
                byte = 0x20
            } else if byte >= 0x41 && byte <= 0x5A {
                byte |= 0x20
            }
            text.append(byte)
            byteRanges.append(offset..<(offset + width))
        }
        return (text, byteRanges)
    }

    /// The ASCII quote a typographic quote at `offset` folds to, and its UTF-8 length.
    private static func typographicQuote(_ utf8: UnsafeBufferPointer<UInt8>, at offset: Int) -> (UInt8, Int)? {
        if utf8[offset] == 0xCA, offset + 1 < utf8.count, utf8[offset + 1] == 0xBC { return (UInt8(ascii: "'"), 2) }  // ʼ
        guard utf8[offset] == 0xE2, offset + 2 < utf8.count, utf8[offset + 1] == 0x80 else { return nil }
        switch utf8[offset + 2] {
        case 0x98, 0x99: return (UInt8(ascii: "'"), 3)  // ‘ ’
        case 0x9C, 0x9D: return (UInt8(ascii: "\""), 3)  // “ ”
        default: return nil
        }
    }

    /// Folds any answer Character by Character.
    static func foldCharacters(_ original: String) -> ([Character], [Range<Int>]) {
        var text: [Character] = []
        var byteRanges: [Range<Int>] = []
        var offset = 0
        for character in original {
            let width = character.utf8.count
            defer { offset += width }
            if text.count >= limit { break }
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
        return (text, byteRanges)
    }

    /// The first occurrence of `phrase` in `text` at or after `from` that starts and ends on a word
    /// boundary.
    static func find<Unit: RefusalUnit>(_ phrase: [Unit], in text: [Unit], from: Int = 0) -> Range<Int>? {
        guard !phrase.isEmpty, text.count >= phrase.count, from <= text.count - phrase.count else { return nil }
        for start in from...(text.count - phrase.count) where start == 0 || !text[start - 1].isWordCharacter {
            if let range = occurrence(of: phrase, in: text, at: start) { return range }
        }
        return nil
    }

    /// The range of `phrase` at `start` in `text` (which holds `phrase.count` units from there) when
    /// it occurs there and ends on a word boundary; whether a word starts at `start` is the caller's.
    private static func occurrence<Unit: RefusalUnit>(of phrase: [Unit], in text: [Unit], at start: Int) -> Range<Int>? {
        guard text[start] == phrase[0], text[start..<(start + phrase.count)].elementsEqual(phrase) else { return nil }
        let end = start + phrase.count
        guard end == text.count || !text[end].isWordCharacter || !phrase[phrase.count - 1].isWordCharacter else { return nil }
        return start..<end
    }

    /// The positions where a word starts: a word character not preceded by one. A phrase that
    /// begins with a word character can match only there (``find(_:in:from:wordStarts:)``).
    static func wordStarts<Unit: RefusalUnit>(in text: [Unit]) -> [Int] {
        var starts: [Int] = []
        var previousIsWord = false
        for (position, unit) in text.enumerated() {
            let isWord = unit.isWordCharacter
            if isWord && !previousIsWord { starts.append(position) }
            previousIsWord = isWord
        }
        return starts
    }

    /// ``find(_:in:from:)`` tried only at `wordStarts` (ascending, from
    /// ``wordStarts(in:)``): the same result for a phrase that begins with a word character,
    /// in one comparison per word instead of one per character.
    static func find<Unit: RefusalUnit>(_ phrase: [Unit], in text: [Unit], from: Int, wordStarts: [Int]) -> Range<Int>? {
        guard let first = phrase.first, first.isWordCharacter else { return find(phrase, in: text, from: from) }
        guard text.count >= phrase.count else { return nil }
        let last = text.count - phrase.count
        var low = 0
        var high = wordStarts.count
        while low < high {
            let middle = (low + high) / 2
            if wordStarts[middle] < from { low = middle + 1 } else { high = middle }
        }
        for start in wordStarts[low...] {
            if start > last { return nil }
            if let range = occurrence(of: phrase, in: text, at: start) { return range }
        }
        return nil
    }

    /// Up to `count` words of `text` after position `index`, lowercased letters only.
    static func words<Unit: RefusalUnit>(in text: [Unit], after index: Int, count: Int) -> [String] {
        var words: [String] = []
        var current: [Unit] = []
        var position = index
        while position < text.count, words.count < count {
            let unit = text[position]
            if unit.isLetter {
                current.append(unit)
            } else if !current.isEmpty {
                words.append(Unit.word(current))
                current = []
                if unit.endsSentence { break }
            }
            position += 1
        }
        if !current.isEmpty, words.count < count { words.append(Unit.word(current)) }
        return words
    }
}
