/// The maximal runs of ASCII digits joined by single separators (space, `.`, `-`, `/`) in a
/// text, in order, with the digits and dots each holds.
///
/// A pattern whose whole match is digits and such separators (card, SSN, grouped phone and
/// IPv4 numbers) matches inside one run, and only in a run that holds at least as many digits
/// (and dots) as the match: ``MatchStarts/digitRun`` patterns are run only there.
/// In prose most digit runs are years and counts, so those patterns skip nearly every digit.
struct DigitRuns: Sendable {
    /// One run: `start..<end` in bytes, its digit and dot counts.
    struct Run: Sendable, Equatable {
        let start: Int
        let end: Int
        let digits: Int
        let dots: Int
    }

    /// One run with what the searches read about it: its shapes (``Shapes``, what
    /// ``nextStart(_:in:minRun:from:resumingAt:)`` tests before it looks at the bytes), the
    /// longest run of ASCII letters and digits that one of its digit sequences starts after a
    /// byte that is neither (``MatchStarts/digitLedToken``, capped at 255), and the index of the
    /// first notable run at or after it (``isNotable(_:shapes:tokenLength:)``; the run count when
    /// none is): searches that only notable runs can satisfy jump over the rest (in prose, most
    /// runs are short numbers). One array of these, not four, so building them costs one
    /// allocation (texts are profiled on every scan).
    struct Entry: Sendable {
        let run: Run
        let shapes: Shapes
        let tokenLength: UInt8
        var nextNotable: Int32
    }

    let entries: [Entry]

    /// The runs in order (tests).
    var runs: [Run] { entries.map(\.run) }
    /// Per run, its shapes (tests).
    var shapes: [Shapes] { entries.map(\.shapes) }
    /// Per run, its longest digit-led token (tests).
    var tokenLengths: [UInt8] { entries.map(\.tokenLength) }

    /// The runs of `bytes`, its digits found by a plain walk (tests; the scanner passes the
    /// profile pass's digit positions to ``init(_:digitPositions:)``).
    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.init(bytes, digitPositions: bytes.indices.filter { bytes[$0].isDigit }.map { UInt32($0) })
    }

    /// The runs of `bytes` built from where its digits are (ascending, every ASCII digit, such as
    /// the profiling pass lists: ``TextProfile/digitPositions``): the work is per digit, not per byte.
    init(_ bytes: UnsafeBufferPointer<UInt8>, digitPositions: [UInt32]) {
        var entries: [Entry] = []
        // Room for about one run in three digits (years, prices, dates), grown when it is short.
        entries.reserveCapacity(digitPositions.count / 3 + 4)
        let count = bytes.count
        digitPositions.withUnsafeBufferPointer { positions in
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
                entries.append(Entry(
                    run: Run(start: start, end: end, digits: digits, dots: dots),
                    shapes: Shapes(runStart: start, runEnd: end, in: bytes),
                    tokenLength: UInt8(min(longestToken, 255)), nextNotable: 0))
            }
        }
        // Each run's next notable run, from the last run back.
        var notable = Int32(entries.count)
        var index = entries.count - 1
        while index >= 0 {
            if Self.isNotable(entries[index].run, shapes: entries[index].shapes, tokenLength: entries[index].tokenLength) {
                notable = Int32(index)
            }
            entries[index].nextNotable = notable
            index -= 1
        }
        self.entries = entries
    }

    /// The index of the first notable run at or after run `index` (the run count when none is).
    @inline(__always) func nextNotable(from index: Int) -> Int {
        index < entries.count ? Int(entries[index].nextNotable) : entries.count
    }

    /// Runs with at least this many digits, this many dots, a shape, or a token this long are notable.
    static let notableDigits = 7
    static let notableDots = 2
    static let notableToken = 8

    /// Whether a run can satisfy a search for many digits or dots, a shape or a long token.
    static func isNotable(_ run: Run, shapes: Shapes, tokenLength: UInt8) -> Bool {
        run.digits >= notableDigits || run.dots >= notableDots || !shapes.isEmpty || Int(tokenLength) >= notableToken
    }

    /// The first run at index `resumingAt` or later that ends after `offset` and holds at least
    /// `digits` digits and `dots` dots; nil when none is left.
    func first(endingAfter offset: Int, digits: Int, dots: Int, resumingAt: Int) -> (index: Int, run: Run)? {
        let notableOnly = digits >= Self.notableDigits || dots >= Self.notableDots
        var index = resumingAt
        while index < entries.count {
            if notableOnly {
                index = nextNotable(from: index)
                guard index < entries.count else { return nil }
            }
            let run = entries[index].run
            if run.end > offset, run.digits >= digits, run.dots >= dots { return (index, run) }
            index += 1
        }
        return nil
    }

    static func isSeparator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "/")
    }
}
