/// Finds many literal patterns in one pass: the engine behind ban lists.
///
/// Built once (immutable, `Sendable`) and searched many times, concurrently. The automaton works
/// on UTF-8 bytes mapped to byte classes; small pattern sets get a dense DFA table
/// (states × classes), large ones a sparse table with failure links and a dense root row.
///
/// Case-insensitive matching uses ``CaseFolding``-style simple folding on both sides: ASCII
/// letters, plus every scalar whose lowercase is a single scalar (`ÉCOLE` matches `école`, `STRAẞE`
/// matches `straße`), but not `ß`/`ss` nor precomposed/decomposed accents (normalize first).
/// Match ranges are UTF-8 byte offsets in the original text and always fall on scalar boundaries.
public struct AhoCorasick: Sendable {
    /// One match: which pattern, where in the searched text.
    public struct Match: Sendable, Hashable {
        /// Index of the pattern in the list the automaton was built from.
        public var patternIndex: Int
        /// UTF-8 byte range in the searched text, half-open.
        public var range: Range<Int>

        /// Creates a match.
        public init(patternIndex: Int, range: Range<Int>) {
            self.patternIndex = patternIndex
            self.range = range
        }
    }

    /// Which matches a search reports.
    public enum MatchKind: String, Sendable, Hashable, CaseIterable {
        /// Non-overlapping matches, scanning left to right; at each start the longest pattern
        /// wins (ties go to the lower pattern index).
        case leftmostLongest = "leftmost_longest"
        /// Every match of every pattern, overlapping or not, sorted by start, end, pattern.
        case all
    }

    /// The patterns, as given.
    public let patterns: [String]
    /// Whether matching ignores case.
    public let caseInsensitive: Bool
    /// Whether a match must not be glued to a letter, mark or digit on a side where the pattern
    /// itself starts or ends with one (`cat` does not match in `concatenate`; `c++` matches in
    /// `c++x` because `+` is not a word character). Edges in scripts written without spaces
    /// (Han, kana, Thai, Lao, Khmer, Myanmar) need no boundary, since words there have none.
    public let wholeWords: Bool
    let automaton: Automaton
    /// Per pattern: whether its first / last scalar is a word scalar.
    private let wordEdges: [(leading: Bool, trailing: Bool)]

    /// Builds the automaton. Empty patterns never match.
    public init(patterns: [String], caseInsensitive: Bool = true, wholeWords: Bool = false) {
        self.init(patterns: patterns, caseInsensitive: caseInsensitive, wholeWords: wholeWords, denseCellLimit: Automaton.denseCellLimit)
    }

    /// Builds the automaton with a given dense-table limit (tests force the sparse table with 0).
    init(patterns: [String], caseInsensitive: Bool, wholeWords: Bool, denseCellLimit: Int) {
        self.patterns = patterns
        self.caseInsensitive = caseInsensitive
        self.wholeWords = wholeWords
        let encoded = patterns.map { caseInsensitive ? CaseFolding.foldedBytes($0) : Array($0.utf8) }
        self.automaton = Automaton(patterns: encoded, asciiCaseInsensitive: caseInsensitive, denseCellLimit: denseCellLimit)
        self.wordEdges = patterns.map { pattern in
            let scalars = pattern.unicodeScalars
            return (
                scalars.first.map(CaseFolding.needsBoundary) ?? false,
                scalars.last.map(CaseFolding.needsBoundary) ?? false
            )
        }
    }

    /// Whether the automaton uses the dense (DFA) transition table.
    public var isDense: Bool { automaton.isDense }

    /// Number of automaton states.
    public var stateCount: Int { automaton.stateCount }

    /// Finds the patterns in `text`.
    public func matches(in text: String, kind: MatchKind = .leftmostLongest) -> [Match] {
        guard automaton.stateCount > 1, !text.isEmpty else { return [] }
        var contiguous = text
        contiguous.makeContiguousUTF8()
        let raw = contiguous.utf8.withContiguousStorageIfAvailable { bytes in
            collect(in: bytes)
        } ?? []
        return select(raw, kind: kind)
    }

    private func collect(in bytes: UnsafeBufferPointer<UInt8>) -> [Match] {
        var found: [Match] = []
        if caseInsensitive, let folded = FoldedText(bytes) {
            folded.bytes.withUnsafeBufferPointer { foldedBytes in
                automaton.search(foldedBytes) { end, pattern in
                    let start = end - automaton.patternLengths[pattern]
                    let range = folded.origin[start]..<folded.origin[end]
                    if accept(pattern, range, in: bytes) { found.append(Match(patternIndex: pattern, range: range)) }
                }
            }
        } else {
            automaton.search(bytes) { end, pattern in
                let range = (end - automaton.patternLengths[pattern])..<end
                if accept(pattern, range, in: bytes) { found.append(Match(patternIndex: pattern, range: range)) }
            }
        }
        return found
    }

    private func accept(_ pattern: Int, _ range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard wholeWords else { return true }
        let edges = wordEdges[pattern]
        if edges.leading, range.lowerBound > 0 {
            var i = range.lowerBound - 1
            while i > 0 && bytes[i] & 0xC0 == 0x80 { i -= 1 }
            if CaseFolding.isWordScalar(NormalizationBuilder.decode(bytes, at: i).0) { return false }
        }
        if edges.trailing, range.upperBound < bytes.count {
            if CaseFolding.isWordScalar(NormalizationBuilder.decode(bytes, at: range.upperBound).0) { return false }
        }
        return true
    }

    private func select(_ raw: [Match], kind: MatchKind) -> [Match] {
        switch kind {
        case .all:
            return raw.sorted { a, b in
                if a.range.lowerBound != b.range.lowerBound { return a.range.lowerBound < b.range.lowerBound }
                if a.range.upperBound != b.range.upperBound { return a.range.upperBound < b.range.upperBound }
                return a.patternIndex < b.patternIndex
            }
        case .leftmostLongest:
            let ranked = raw.sorted { a, b in
                if a.range.lowerBound != b.range.lowerBound { return a.range.lowerBound < b.range.lowerBound }
                if a.range.upperBound != b.range.upperBound { return a.range.upperBound > b.range.upperBound }
                return a.patternIndex < b.patternIndex
            }
            var kept: [Match] = []
            var end = 0
            for match in ranked where match.range.lowerBound >= end {
                kept.append(match)
                end = match.range.upperBound
            }
            return kept
        }
    }
}

/// A case-folded copy of a text whose folding changes some non-ASCII scalar, with the original
/// offset of every folded byte (`origin[i]` is where the scalar holding folded byte `i` starts;
/// `origin[count]` is the original length).
struct FoldedText {
    var bytes: [UInt8] = []
    var origin: [Int] = []

    /// Folds `text`, or returns nil when folding its non-ASCII scalars changes nothing (ASCII
    /// letters fold inside the automaton).
    init?(_ text: UnsafeBufferPointer<UInt8>) {
        var needed = false
        var i = 0
        while i < text.count {
            if text[i] < 0x80 { i += 1; continue }
            let (scalar, length) = NormalizationBuilder.decode(text, at: i)
            if CaseFolding.fold(scalar) != scalar {
                needed = true
                break
            }
            i += length
        }
        guard needed else { return nil }
        bytes.reserveCapacity(text.count)
        origin.reserveCapacity(text.count + 1)
        i = 0
        while i < text.count {
            let (scalar, length) = NormalizationBuilder.decode(text, at: i)
            let before = bytes.count
            NormalizationBuilder.appendUTF8(CaseFolding.fold(scalar), to: &bytes)
            for _ in before..<bytes.count { origin.append(i) }
            i += length
        }
        origin.append(text.count)
    }
}
