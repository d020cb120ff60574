/// The start positions ``MatchStarts/firstNameOrContext`` lets a person-name pattern try: the
/// first byte of a capitalised word that is a listed first name, or that a context word precedes
/// within the window. Anywhere else the pattern's match would be scored below its minimum, so the
/// scanner does not run the regex there (one PCRE2 call per candidate instead of one per
/// capitalised word of the text).
///
/// The filter is conservative where bytes alone cannot decide: a word that starts with or
/// reaches a non-ASCII byte (`Émile`, `Zoë`) is always a candidate, and the regex with the
/// validators decides as before; `’` counts as an apostrophe, and a word with one (`Juan’s`,
/// `O’Brien`) is never a listed name. A word that starts with a symbol (`≈`, `×`) is no candidate.
///
/// The capitals at word starts come from the profile pass (``TextProfile/capitalStarts``), so
/// the text is not walked again.
struct NameStarts {
    let bytes: UnsafeBufferPointer<UInt8>
    let contextWords: ContextWords
    let window: Int
    /// Ascending positions of capitals at word starts (``UInt8/mayStartCapital``, no ASCII
    /// letter or digit before).
    let capitals: [UInt32]
    /// The first entry of ``capitals`` not yet passed; offsets only grow, so the search resumes here.
    private var cursor = 0

    init(bytes: UnsafeBufferPointer<UInt8>, contextWords: ContextWords, window: Int, capitals: [UInt32]) {
        self.bytes = bytes
        self.contextWords = contextWords
        self.window = window
        self.capitals = capitals
    }

    /// The first candidate start at or after `offset`, or nil. Offsets passed must not decrease.
    mutating func next(from offset: Int) -> Int? {
        while cursor < capitals.count {
            let index = Int(capitals[cursor])
            cursor += 1
            guard index >= offset else { continue }
            if bytes[index] >= 0xC0 ? !Self.isSymbol(at: index, in: bytes) : isCandidate(capitalAt: index) {
                // Not consumed: a later call from an offset at or before it returns it again.
                cursor -= 1
                return index
            }
        }
        return nil
    }

    /// Whether the ASCII capital at `start` can begin a kept name: it has the shape of one (a
    /// lower-case letter next, then whitespace and a word that may continue a name) and is a
    /// listed first name or follows a context word.
    private func isCandidate(capitalAt start: Int) -> Bool {
        guard start + 1 < bytes.count else { return false }
        let second = bytes[start + 1]
        // `\p{Lu}[\p{Ll}'’]+`: a capital alone or followed by another capital starts no name.
        guard second.isASCIILowercase || second == UInt8(ascii: "'") || second >= 0x80 else { return false }
        // The word: ASCII letters and apostrophes (`'`, and `’` as its three UTF-8 bytes).
        var end = start + 1
        var apostrophe = false
        while end < bytes.count {
            if bytes[end].isASCIILetter {
                end += 1
            } else if bytes[end] == UInt8(ascii: "'") {
                apostrophe = true
                end += 1
            } else if end + 2 < bytes.count, bytes[end] == 0xE2, bytes[end + 1] == 0x80, bytes[end + 2] == 0x99 {
                apostrophe = true
                end += 3
            } else {
                break
            }
        }
        guard end < bytes.count else { return false }
        let next = bytes[end]
        // A hyphenated first word, or another non-ASCII character: leave it to the regex.
        if next == UInt8(ascii: "-") || next >= 0x80 { return true }
        guard next.isRegexSpace, startsFollowingWord(at: end) else { return false }
        if apostrophe {
            // The validator's first word then holds the apostrophe (`Juan's`), which no listed
            // name does: only a context word can keep the match.
            if FirstNames.hasApostrophes { return true }
        } else {
            // The validator reads the span's first word up to a space, hyphen, newline or tab.
            let separated = next == 0x20 || next == 0x0A || next == 0x09
            if separated, FirstNames.isListed(bytes, start..<end) { return true }
        }
        return contextWords.nearest(in: bytes, before: start, window: window) != nil
    }

    /// Whether the non-ASCII character at `index` is one that no Unicode version makes a capital
    /// (`\p{Lu}`): `×`, `÷`, or a character of the punctuation, super- and subscript, currency,
    /// arrow, mathematical, technical, box-drawing, shape and dingbat blocks (U+2000–U+20BF,
    /// U+2190–U+23FF, U+2500–U+27BF). A name cannot start there (`x ≈ 2.876`).
    static func isSymbol(at index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard index + 1 < bytes.count else { return false }
        let (lead, second) = (bytes[index], bytes[index + 1])
        if lead == 0xC3 { return second == 0x97 || second == 0xB7 }
        guard lead == 0xE2, index + 2 < bytes.count else { return false }
        switch second {
        case 0x80...0x82, 0x87...0x8F, 0x94...0x9E: return true
        case 0x86: return bytes[index + 2] >= 0x90
        default: return false
        }
    }

    /// Whether the word after the whitespace at `offset` can continue a name: a capital, a
    /// non-ASCII letter, or one of ``particles`` followed by whitespace.
    private func startsFollowingWord(at offset: Int) -> Bool {
        var index = offset
        while index < bytes.count, bytes[index].isRegexSpace { index += 1 }
        guard index < bytes.count else { return false }
        if bytes[index].mayStartCapital { return true }
        // A particle: at most five lower-case letters, read as one little-endian integer.
        var word: UInt64 = 0
        var end = index
        while end < bytes.count, end - index < 6, bytes[end].isASCIILowercase {
            word |= UInt64(bytes[end]) << (8 * UInt64(end - index))
            end += 1
        }
        guard end < bytes.count, bytes[end].isRegexSpace else { return false }
        return Self.particles.contains(word)
    }

    /// The lower-case particles a name may hold between its words (`Ludwig van Beethoven`), as
    /// the person pattern lists them (each followed by whitespace there), packed little-endian.
    static let particles: [UInt64] = [
        "van", "von", "de", "der", "den", "da", "di", "du", "le", "la", "del", "della", "dos", "das", "ten", "ter", "zu", "y",
    ].map { $0.utf8.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) } }
}
