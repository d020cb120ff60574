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

    /// The length in bytes of literal `literal`.
    func length(of literal: Int) -> Int {
        offsets[literal + 1] - offsets[literal]
    }
}
