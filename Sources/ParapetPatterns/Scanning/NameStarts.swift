/// The start positions ``MatchStarts/firstNameOrContext`` lets a person-name pattern try: the
/// first byte of a capitalised word that is a listed first name, or that a context word precedes
/// within the window. Anywhere else the pattern's match would be scored below its minimum, so the
/// scanner does not run the regex there (one PCRE2 call per candidate instead of one per
/// capitalised word of the text).
///
/// The filter is conservative where bytes alone cannot decide: a word that starts with or
/// reaches a non-ASCII byte (`Émile`, `Zoë`, `O’Brien`) is always a candidate, and the regex
/// with the validators decides as before.
struct NameStarts {
    let bytes: UnsafeBufferPointer<UInt8>
    let contextWords: ContextWords
    let window: Int

    /// The first candidate start at or after `offset`, or nil.
    func next(from offset: Int) -> Int? {
        var index = max(0, offset)
        guard let base = bytes.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        while index < bytes.count {
            // Eight bytes at a time while none can start a capital (prose: ~3 % of bytes do).
            while index + 8 <= bytes.count, !Self.mayStartCapital(in: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) {
                index += 8
            }
            guard index < bytes.count else { break }
            let byte = bytes[index]
            if byte.mayStartCapital, index == 0 || !bytes[index - 1].isAlphanumeric {
                if byte >= 0xC0 || isCandidate(capitalAt: index) { return index }
            }
            index += 1
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
        var end = start + 1
        while end < bytes.count, bytes[end].isASCIILetter { end += 1 }
        guard end < bytes.count else { return false }
        let next = bytes[end]
        // A hyphenated or apostrophised first word, or a non-ASCII letter: leave it to the regex.
        if next == UInt8(ascii: "-") || next == UInt8(ascii: "'") || next >= 0x80 { return true }
        guard next.isRegexSpace, startsFollowingWord(at: end) else { return false }
        // The validator reads the span's first word up to a space, hyphen, newline or tab.
        let separated = next == 0x20 || next == 0x0A || next == 0x09
        if separated, FirstNames.isListed(bytes, start..<end) { return true }
        return contextWords.nearest(in: bytes, before: start, window: window) != nil
    }

    /// Whether the word after the whitespace at `offset` can continue a name: a capital, a
    /// non-ASCII letter, or a lower-case particle (`van`, `de`, `la`, `ten`, `zu`, `y`).
    private func startsFollowingWord(at offset: Int) -> Bool {
        var index = offset
        while index < bytes.count, bytes[index].isRegexSpace { index += 1 }
        guard index < bytes.count else { return false }
        return bytes[index].mayStartCapital || Self.isParticleInitial(bytes[index])
    }

    /// Whether `byte` is the first letter of a particle the person pattern allows between names.
    private static func isParticleInitial(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "v"), UInt8(ascii: "d"), UInt8(ascii: "l"), UInt8(ascii: "t"), UInt8(ascii: "z"), UInt8(ascii: "y"): true
        default: false
        }
    }

    /// Whether any of the eight bytes of `word` is an ASCII capital or 0xC0 and up
    /// (``UInt8/mayStartCapital``): a byte in 0x41…0x5A, found with the "has a byte between"
    /// bit trick on bytes below 0x80, or one with its two top bits set.
    static func mayStartCapital(in word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
        let low7 = word & (ones &* 127)
        // Bytes b < 0x80 with 0x40 < b < 0x5B: (127 + 0x5B − b) and (b + 127 − 0x40) both carry into bit 7.
        let capital = (ones &* (127 + 0x5B) &- low7) & ~word & (low7 &+ ones &* (127 - 0x40)) & high
        let lead = word & (word << 1) & high
        return capital | lead != 0
    }
}

extension UInt8 {
    /// Whether a capital letter can start at this byte: an ASCII capital, or a byte of 0xC0 and up,
    /// which starts a multi-byte scalar that may be one.
    var mayStartCapital: Bool { (self >= UInt8(ascii: "A") && self <= UInt8(ascii: "Z")) || self >= 0xC0 }
    /// Whether this byte is an ASCII lower-case letter.
    var isASCIILowercase: Bool { self >= UInt8(ascii: "a") && self <= UInt8(ascii: "z") }
    /// Whether PCRE2's `\s` (without UCP) matches this byte: space, tab, LF, VT, FF, CR.
    var isRegexSpace: Bool { self == 0x20 || (self >= 0x09 && self <= 0x0D) }
}
