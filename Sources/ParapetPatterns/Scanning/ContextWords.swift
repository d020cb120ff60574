/// Case-insensitive, word-bounded search for context words in the bytes before a match.
enum ContextWords {
    /// The distance in bytes from the end of the nearest context word to `position`, looking
    /// at most `window` bytes back; nil when none occurs.
    static func nearest(
        _ words: [[UInt8]], in bytes: UnsafeBufferPointer<UInt8>, before position: Int, window: Int
    ) -> Int? {
        guard !words.isEmpty else { return nil }
        let start = max(0, position - window)
        var best: Int?
        for word in words where !word.isEmpty && word.count <= position - start {
            var index = position - word.count
            while index >= start {
                if matches(word, bytes, at: index) {
                    let distance = position - (index + word.count)
                    if best.map({ distance < $0 }) ?? true { best = distance }
                    break
                }
                index -= 1
            }
        }
        return best
    }

    private static func matches(_ word: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        for offset in 0..<word.count where asciiLower(bytes[index + offset]) != word[offset] { return false }
        // Word boundaries: a letter or digit may not continue a word that starts or ends with one.
        if index > 0, word[0].isAlphanumeric, bytes[index - 1].isAlphanumeric { return false }
        let end = index + word.count
        if let last = word.last, last.isAlphanumeric, end < bytes.count, bytes[end].isAlphanumeric { return false }
        return true
    }
}
