/// Chooses where a ``StreamGuard`` may cut its pending bytes.
enum StreamCut {
    /// How far back from the target a whitespace boundary is looked for.
    static let whitespaceReach = 64
    /// How far back an unclosed `<` is looked for (longest placeholder kept whole).
    static let placeholderReach = 48

    /// How many bytes before a finding (or before a run of characters cut out of the window)
    /// stay with it: the words that make it a finding (`password:`, `Authorization: Bearer`,
    /// `aws_secret_access_key =`, context words up to 80 bytes back) must reach the next window
    /// with the value, or the value alone would match nothing there.
    static let contextReach = 96

    /// A cut at or before `target`: a scalar boundary, outside every finding and at least
    /// ``contextReach`` bytes before it, after whitespace when there is some close by, not
    /// inside a `<PLACEHOLDER>`, and, with `keepRuns`, not inside a run of ASCII graphic
    /// characters. Zero when none exists.
    static func choose(in bytes: [UInt8], target: Int, findings: [Finding], keepRuns: Bool = true) -> Int {
        var cut = min(max(0, target), bytes.count)
        // Prefer the end of a whitespace run: tokens (and so findings) rarely span it.
        var probe = cut
        let floor = max(0, cut - whitespaceReach)
        while probe > floor, !isSpace(bytes[probe - 1]) { probe -= 1 }
        if probe > floor { cut = probe }
        var moved = true
        while moved && cut > 0 {
            moved = false
            while cut > 0, cut < bytes.count, isContinuation(bytes[cut]) { cut -= 1 }
            if keepRuns, splitsRun(bytes, at: cut) {
                cut = runStart(bytes, containing: cut)
                moved = true
            }
            for finding in findings where finding.range.lowerBound - contextReach < cut && cut < finding.range.upperBound {
                cut = max(0, finding.range.lowerBound - contextReach)
                moved = true
            }
            if let open = unclosedPlaceholder(in: bytes, before: cut), open < cut {
                cut = open
                moved = true
            }
        }
        return cut
    }

    /// The offset of a `<` before `end` with no `>` after it (within reach), if any.
    static func unclosedPlaceholder(in bytes: [UInt8], before end: Int) -> Int? {
        var index = end
        let floor = max(0, end - placeholderReach)
        while index > floor {
            index -= 1
            switch bytes[index] {
            case UInt8(ascii: ">"), UInt8(ascii: " "), UInt8(ascii: "\n"): return nil
            case UInt8(ascii: "<"): return index
            default: continue
            }
        }
        return nil
    }

    /// The furthest cut at or before `target` that splits no run of ASCII graphic characters
    /// (where keys, tokens, URLs and e-mail addresses live, however long), leaves
    /// ``contextReach`` bytes before such a run that is still arriving (a long value keeps its
    /// label), and comes before a PEM armour block (`-----BEGIN X-----`) that its own
    /// `-----END X-----` line does not close yet. Zero when every cut would split one: the guard
    /// then holds back more than its window until the run or block ends. Text outside ASCII
    /// (Chinese, Japanese, …) may be cut anywhere, as before.
    static func tokenSafeLimit(in bytes: [UInt8], target: Int) -> Int {
        var limit = min(max(0, target), bytes.count)
        if let open = unclosedArmour(in: bytes) { limit = min(limit, open) }
        guard splitsRun(bytes, at: limit) else { return limit }
        let start = runStart(bytes, containing: limit)
        // A run still arriving may be a value whose label comes before it; a finished one is
        // judged with its label in this window (`choose` keeps the context of findings).
        guard bytes[limit...].allSatisfy(isGraphic) else { return start }
        limit = max(0, start - contextReach)
        return splitsRun(bytes, at: limit) ? runStart(bytes, containing: limit) : limit
    }

    /// Whether a cut at `offset` falls between two ASCII graphic characters.
    static func splitsRun(_ bytes: [UInt8], at offset: Int) -> Bool {
        offset > 0 && offset < bytes.count && isGraphic(bytes[offset - 1]) && isGraphic(bytes[offset])
    }

    /// The start of the run of ASCII graphic characters that `offset` falls inside.
    static func runStart(_ bytes: [UInt8], containing offset: Int) -> Int {
        var start = offset
        while start > 0, isGraphic(bytes[start - 1]) { start -= 1 }
        return start
    }

    private static let armourBegin = Array("-----BEGIN".utf8)
    private static let armourEnd = Array("-----END".utf8)
    private static let dashes = Array("-----".utf8)

    /// The offset of the first `-----BEGIN X-----` that no later `-----END X-----` (the same
    /// label X) closes yet, or whose label line has not ended. Nil when every block is closed.
    /// (A stray `-----END NOTE-----` inside a key does not close it; a block left open before a
    /// complete one keeps both held.)
    static func unclosedArmour(in bytes: [UInt8]) -> Int? {
        var from = 0
        while let begin = firstOccurrence(of: armourBegin, in: bytes, from: from) {
            let labelStart = begin + armourBegin.count
            guard let labelEnd = firstOccurrence(of: dashes, in: bytes, from: labelStart) else { return begin }
            let close = armourEnd + bytes[labelStart..<labelEnd] + dashes
            guard let end = firstOccurrence(of: close, in: bytes, from: labelEnd + dashes.count) else { return begin }
            from = end + close.count
        }
        return nil
    }

    /// The first offset at or after `from` where `needle` occurs.
    private static func firstOccurrence(of needle: [UInt8], in bytes: [UInt8], from: Int) -> Int? {
        from <= bytes.count ? bytes[from...].firstRange(of: needle)?.lowerBound : nil
    }

    /// A printable ASCII character other than space.
    static func isGraphic(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x7F }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
    }

    static func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }
}
