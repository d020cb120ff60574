/// Where in a long text each pattern's matches can start, so its regex tries only those places.
///
/// A pattern whose context words are required can only match within its context window after
/// one of them; a pattern with required literals and a `lookback` can only match within
/// `lookback` bytes before one of them. On long texts (where PCRE2 runs its interpreter under a
/// CPU budget) searching only there turns a whole-document scan per pattern into a few short
/// ones, with the same findings. Other patterns search everywhere.
struct SearchRegions {
    let bytes: UnsafeBufferPointer<UInt8>
    let literals: LiteralTable
    /// Per literal index, the last occurrence found (`Int.max`: none at or after where we asked).
    private var nextLiteral: [Int: Int] = [:]

    init(bytes: UnsafeBufferPointer<UInt8>, literals: LiteralTable) {
        self.bytes = bytes
        self.literals = literals
    }

    /// The first window of start offsets, inclusive, that holds a possible match start at or
    /// after `offset`; nil when none is left. Unrestricted patterns get `offset...Int.max`.
    mutating func next(_ pattern: CompiledPattern, from offset: Int) -> ClosedRange<Int>? {
        let definition = pattern.definition
        if definition.contextRequired, !pattern.contextWords.isEmpty {
            let window = definition.contextWindow
            guard let end = pattern.contextWords.nextEnd(in: bytes, from: max(0, offset - window)) else { return nil }
            return max(offset, end)...(end + window)
        }
        if let lookback = pattern.lookback, !pattern.literalIndices.isEmpty {
            var first = Int.max
            for literal in pattern.literalIndices { first = min(first, occurrence(literal, from: offset)) }
            guard first != Int.max else { return nil }
            return max(offset, first - lookback)...first
        }
        return offset...Int.max
    }

    /// The first occurrence of `literal` at or after `offset` (`Int.max`: none), memoised so a
    /// scan that moves forward reads the text once per literal. Use one value per pattern scan:
    /// the memo is only valid while `offset` never decreases.
    private mutating func occurrence(_ literal: Int, from offset: Int) -> Int {
        if let known = nextLiteral[literal], known == Int.max || known >= offset { return known }
        let found = literals.nextOccurrence(literal, in: bytes, from: offset) ?? Int.max
        nextLiteral[literal] = found
        return found
    }
}
