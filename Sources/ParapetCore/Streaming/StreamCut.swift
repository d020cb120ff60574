/// Chooses where a ``StreamGuard`` may cut its pending bytes.
enum StreamCut {
    /// How far back from the target a whitespace boundary is looked for.
    static let whitespaceReach = 64
    /// How far back an unclosed `<` is looked for (longest placeholder kept whole).
    static let placeholderReach = 48

    /// A cut at or before `target`: a scalar boundary, outside every finding, after whitespace
    /// when there is some close by, and not inside a `<PLACEHOLDER>`. Zero when none exists.
    static func choose(in bytes: [UInt8], target: Int, findings: [Finding]) -> Int {
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
            for finding in findings where finding.range.lowerBound < cut && cut < finding.range.upperBound {
                cut = finding.range.lowerBound
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
    /// (where keys, tokens, URLs and e-mail addresses live, however long) and comes before a PEM
    /// armour block (`-----BEGIN`) that no `-----END` closes yet. Zero when every cut would split
    /// one: the guard then holds back more than its window until the run or block ends.
    /// Text outside ASCII (Chinese, Japanese, …) may be cut anywhere, as before.
    static func tokenSafeLimit(in bytes: [UInt8], target: Int) -> Int {
        var limit = min(max(0, target), bytes.count)
        if let open = unclosedArmour(in: bytes) { limit = min(limit, open) }
        while limit > 0, limit < bytes.count, isGraphic(bytes[limit - 1]), isGraphic(bytes[limit]) { limit -= 1 }
        return limit
    }

    private static let armourBegin = Array("-----BEGIN".utf8)
    private static let armourEnd = Array("-----END".utf8)

    private static let dashes = Array("-----".utf8)

    /// The offset of the last `-----BEGIN` whose block is not closed yet: no `-----END` after it
    /// with the closing `-----` of that line. Nil when there is none.
    static func unclosedArmour(in bytes: [UInt8]) -> Int? {
        guard let begin = lastOccurrence(of: armourBegin, in: bytes, from: 0) else { return nil }
        guard let end = lastOccurrence(of: armourEnd, in: bytes, from: begin),
            lastOccurrence(of: dashes, in: bytes, from: end + armourEnd.count) != nil
        else { return begin }
        return nil
    }

    /// The last offset at or after `from` where `needle` occurs.
    private static func lastOccurrence(of needle: [UInt8], in bytes: [UInt8], from: Int) -> Int? {
        var start = bytes.count - needle.count
        while start >= from {
            if bytes[start] == needle[0], bytes[start..<(start + needle.count)].elementsEqual(needle) { return start }
            start -= 1
        }
        return nil
    }

    /// A printable ASCII character other than space.
    static func isGraphic(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x7F }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
    }

    static func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }
}
