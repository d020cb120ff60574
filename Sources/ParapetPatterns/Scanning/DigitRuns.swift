/// The maximal runs of ASCII digits joined by single separators (space, `.`, `-`, `/`) in a
/// text, in order, with the digits and dots each holds.
///
/// A pattern whose whole match is digits and such separators (card, SSN, grouped phone and
/// IPv4 numbers) matches inside one run, and only in a run that holds at least as many digits
/// (and dots) as the match: ``MatchStarts/digitRun`` patterns are run only there.
/// In prose most digit runs are years and counts, so those patterns skip nearly every digit.
///
/// A class: the scanner hands one text's runs to every region search, and a struct of four
/// arrays would be retained and released four times at each hand-over.
final class DigitRuns: Sendable {
    /// One run: `start..<end` in bytes, its digit and dot counts.
    struct Run: Sendable, Equatable {
        let start: Int
        let end: Int
        let digits: Int
        let dots: Int
    }

    let runs: [Run]
    /// Per run, the shapes around it that ``MatchStarts`` kinds look for (``Shapes``): what
    /// ``nextStart(_:in:minRun:from:resumingAt:)`` tests before it looks at the bytes.
    let shapes: [Shapes]
    /// Per run, the longest run of ASCII letters and digits that one of its digit sequences
    /// starts after a byte that is neither (``MatchStarts/digitLedToken``), capped at 255.
    let tokenLengths: [UInt8]

    /// The runs of `bytes`, its digits found by a plain walk (tests; the scanner passes the
    /// profile pass's digit positions to ``init(_:digitPositions:)``).
    convenience init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.init(bytes, digitPositions: bytes.indices.filter { bytes[$0].isDigit }.map { UInt32($0) })
    }

    /// The runs of `bytes` built from where its digits are (ascending, every ASCII digit, such as
    /// the profiling pass lists: ``TextProfile/digitPositions``): the work is per digit, not per byte.
    init(_ bytes: UnsafeBufferPointer<UInt8>, digitPositions positions: [UInt32]) {
        // Room for about one run in three digits (years, prices, dates), grown when it is short.
        let expected = positions.count / 3 + 4
        var runs: [Run] = []
        var shapes: [Shapes] = []
        var tokenLengths: [UInt8] = []
        runs.reserveCapacity(expected)
        shapes.reserveCapacity(expected)
        tokenLengths.reserveCapacity(expected)
        let count = bytes.count
        var next = 0
        while next < positions.count {
            let start = Int(positions[next])
            var end = start + 1
            next += 1
            var digits = 1, dots = 0
            // The sequence being read, whether it starts a token, and the longest such token.
            var sequenceStart = start
            var startsToken = start == 0 || !bytes[start - 1].isAlphanumeric
            var longestToken = 0
            while true {
                if next < positions.count, Int(positions[next]) == end {
                    end += 1
                    digits += 1
                    next += 1
                    continue
                }
                // The sequence ends at `end`; a separator and a digit go on with the run.
                if startsToken { longestToken = max(longestToken, end - sequenceStart) }
                guard next < positions.count, Int(positions[next]) == end + 1, Self.isSeparator(bytes[end]) else { break }
                if bytes[end] == UInt8(ascii: ".") { dots += 1 }
                sequenceStart = end + 1
                startsToken = true
                end += 2
                digits += 1
                next += 1
            }
            // Only the last sequence can go on into letters (the others end at a separator).
            if startsToken, end < count, bytes[end].isASCIILetter {
                var tokenEnd = end
                while tokenEnd < count, tokenEnd - sequenceStart < 255, bytes[tokenEnd].isAlphanumeric { tokenEnd += 1 }
                longestToken = max(longestToken, tokenEnd - sequenceStart)
            }
            runs.append(Run(start: start, end: end, digits: digits, dots: dots))
            shapes.append(Shapes(runStart: start, runEnd: end, in: bytes))
            tokenLengths.append(UInt8(min(longestToken, 255)))
        }
        (self.runs, self.shapes, self.tokenLengths) = (runs, shapes, tokenLengths)
        nextNotable = Self.nextNotable(runs, shapes, tokenLengths)
    }

    /// Per run index `i` (and `runs.count`), the index of the first notable run at or after `i`
    /// (``isNotable(_:shapes:tokenLength:)``), or `runs.count`: searches that only notable runs
    /// can satisfy jump over the rest (in prose, most runs are short numbers).
    let nextNotable: [Int32]

    /// Runs with at least this many digits, this many dots, a shape, or a token this long are notable.
    static let notableDigits = 7
    static let notableDots = 2
    static let notableToken = 8

    /// Whether a run can satisfy a search for many digits or dots, a shape or a long token.
    static func isNotable(_ run: Run, shapes: Shapes, tokenLength: UInt8) -> Bool {
        run.digits >= notableDigits || run.dots >= notableDots || !shapes.isEmpty || Int(tokenLength) >= notableToken
    }

    private static func nextNotable(_ runs: [Run], _ shapes: [Shapes], _ tokenLengths: [UInt8]) -> [Int32] {
        var next = [Int32](repeating: Int32(runs.count), count: runs.count + 1)
        var index = runs.count - 1
        while index >= 0 {
            let notable = isNotable(runs[index], shapes: shapes[index], tokenLength: tokenLengths[index])
            next[index] = notable ? Int32(index) : next[index + 1]
            index -= 1
        }
        return next
    }

    /// The first run at index `resumingAt` or later that ends after `offset` and holds at least
    /// `digits` digits and `dots` dots; nil when none is left.
    func first(endingAfter offset: Int, digits: Int, dots: Int, resumingAt: Int) -> (index: Int, run: Run)? {
        let notableOnly = digits >= Self.notableDigits || dots >= Self.notableDots
        var index = resumingAt
        while index < runs.count {
            if notableOnly {
                index = Int(nextNotable[index])
                guard index < runs.count else { return nil }
            }
            let run = runs[index]
            if run.end > offset, run.digits >= digits, run.dots >= dots { return (index, run) }
            index += 1
        }
        return nil
    }

    static func isSeparator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "/")
    }
}
