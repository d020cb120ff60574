/// Case-insensitive, word-bounded search for context words in the bytes before a match.
///
/// Words are indexed by their last byte, so the search walks the window once and compares only
/// the words that could end at each position.
struct ContextWords: Sendable {
    private let words: [[UInt8]]
    /// Word indices by lower-cased last byte.
    private let byLast: [[Int]]

    /// Whether there are no words.
    var isEmpty: Bool { words.isEmpty }

    /// Indexes lower-cased words.
    init(_ words: [String]) {
        let lowered = words.map { Array($0.utf8).map(asciiLower) }.filter { !$0.isEmpty }
        var byLast = [[Int]](repeating: [], count: 256)
        for (index, word) in lowered.enumerated() {
            if let last = word.last { byLast[Int(last)].append(index) }
        }
        self.words = lowered
        self.byLast = byLast
    }

    /// The distance in bytes from the end of the nearest context word to `position`; a word
    /// counts when it ends at most `window` bytes before `position`. Nil when none does.
    func nearest(in bytes: UnsafeBufferPointer<UInt8>, before position: Int, window: Int) -> Int? {
        guard !words.isEmpty else { return nil }
        var end = position
        let lowest = max(1, position - window)
        while end >= lowest {
            let last = Int(asciiLower(bytes[end - 1]))
            for index in byLast[last] where matches(words[index], bytes, endingAt: end) {
                return position - end
            }
            end -= 1
        }
        return nil
    }

    /// Whether a context word ends inside `range` (a table's header line or one of its cells).
    func occur(in range: Range<Int>, of bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        nearest(in: bytes, before: range.upperBound, window: range.count) != nil
    }

    private func matches(_ word: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>, endingAt end: Int) -> Bool {
        let start = end - word.count
        guard start >= 0 else { return false }
        for offset in 0..<word.count where asciiLower(bytes[start + offset]) != word[offset] { return false }
        // Word boundaries: a letter or digit may not continue a word that starts or ends with one.
        if start > 0, word[0].isAlphanumeric, bytes[start - 1].isAlphanumeric { return false }
        if let last = word.last, last.isAlphanumeric, end < bytes.count, bytes[end].isAlphanumeric { return false }
        return true
    }
}
