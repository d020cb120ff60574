/// Finding one literal's occurrences, for searches restricted to the places a match can start.
extension LiteralTable {
    /// Whether literal `literal` occurs at byte `start` of `text` (case and word boundaries as
    /// the literal was registered).
    func occurs(_ literal: Int, in text: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        let from = offsets[literal]
        let length = offsets[literal + 1] - from
        guard length > 0, start >= 0, start + length <= text.count else { return false }
        if caseless[literal] {
            for offset in 0..<length where asciiLower(text[start + offset]) != bytes[from + offset] { return false }
        } else {
            for offset in 0..<length where text[start + offset] != bytes[from + offset] { return false }
        }
        if wordBounded[literal] {
            let head = bytes[from], tail = bytes[from + length - 1]
            if head.isAlphanumeric, start > 0, text[start - 1].isAlphanumeric { return false }
            if tail.isAlphanumeric, start + length < text.count, text[start + length].isAlphanumeric { return false }
        }
        return true
    }

    /// Whether any literal occurs in `text`: the pair bitmaps reject most positions with one
    /// lookup, and the literals starting with a position's pair are compared there (case and
    /// word boundaries as registered; a one-byte literal counts wherever its byte is, as in the
    /// profiling pass).
    func containsAny(in text: UnsafeBufferPointer<UInt8>) -> Bool {
        for index in text.indices {
            if byteInfo[Int(text[index])].single >= 0 { return true }
            guard index + 1 < text.count else { break }
            let pair = Int(asciiLower(text[index])) << 8 | Int(asciiLower(text[index + 1]))
            let word = 2 * (pair >> 6)
            guard (pairBits[word] | pairBits[word + 1]) & (1 << UInt64(pair & 63)) != 0 else { continue }
            let list = Int(pairList[pair]) - 1
            guard list >= 0, mayStart(list: list, at: index, in: text) else { continue }
            for slot in pairStart[list]..<pairStart[list + 1] where occurs(byPair[slot], in: text, at: index) { return true }
        }
        return false
    }

    /// The length in bytes of literal `literal`.
    func length(of literal: Int) -> Int {
        offsets[literal + 1] - offsets[literal]
    }
}
