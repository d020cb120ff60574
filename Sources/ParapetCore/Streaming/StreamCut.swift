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

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
    }

    static func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }
}
