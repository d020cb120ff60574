/// The match starts that ``MatchStarts`` kinds other than `digit_run` read off the digit runs and
/// the bytes around them: each kind names a shape that every match of its patterns begins with,
/// and only places of that shape are tried.
extension DigitRuns {
    /// The first start of `kind` at or after `offset`, looking at runs from index `resumingAt` on;
    /// `index` is the run it belongs to (resume there: a run may hold more starts of
    /// ``MatchStarts/digitLedToken``). Nil when none is left.
    ///
    /// - Parameters:
    ///   - kind: a kind whose ``MatchStarts/usesDigitRuns`` holds, other than `digit_run`.
    ///   - bytes: the text the runs were found in.
    ///   - minRun: for ``MatchStarts/digitLedToken``, the fewest letters and digits from the start.
    func nextStart(
        _ kind: MatchStarts, in bytes: UnsafeBufferPointer<UInt8>, minRun: Int, from offset: Int, resumingAt: Int
    ) -> (index: Int, start: Int)? {
        // Runs without the shape are passed over on the bits found with the runs.
        let wanted = Shapes(kind)
        let notableOnly = kind != .digitLedToken || minRun >= Self.notableToken
        var index = resumingAt
        while index < runs.count {
            if notableOnly {
                index = Int(nextNotable[index])
                guard index < runs.count else { return nil }
            }
            // (A length of 255 stands for 255 and more.)
            let mayStart = kind == .digitLedToken ? Int(tokenLengths[index]) >= min(minRun, 255) : shapes[index].contains(wanted)
            // Every start a run gives lies before its end.
            if mayStart, runs[index].end > offset,
               let start = Self.start(kind, of: runs[index], in: bytes, minRun: minRun, from: offset)
            {
                return (index, start)
            }
            index += 1
        }
        return nil
    }

    /// The shapes next to a digit run that ``MatchStarts`` kinds start at; each holds when the
    /// kind's start (``DigitRuns/start(_:of:in:minRun:from:)``) exists for the run.
    struct Shapes: OptionSet, Sendable {
        let rawValue: UInt8
        /// `+` right before the run, or `(` before a run of 2 to 5 digits that `)` closes, the sign
        /// after no ASCII letter or digit nor any of `+.,/:#-`.
        static let signBefore = Shapes(rawValue: 1)
        /// Two ASCII capitals right before the run, which starts with two digits.
        static let capitalsBefore = Shapes(rawValue: 2)
        /// An optional ASCII letter, whitespace, a capitalised word, whitespace and a capital
        /// right after the run.
        static let capitalsAfter = Shapes(rawValue: 4)

        init(rawValue: UInt8) { self.rawValue = rawValue }

        /// The shape `kind` needs (none for kinds that are not read off one).
        init(_ kind: MatchStarts) {
            switch kind {
            case .signBeforeDigits: self = .signBefore
            case .capitalsBeforeDigits: self = .capitalsBefore
            case .digitsBeforeCapitals: self = .capitalsAfter
            case .anywhere, .firstNameOrContext, .digitRun, .digitLedToken: self = []
            }
        }

        /// The shapes around the run `runStart..<runEnd` of `bytes`.
        init(runStart: Int, runEnd: Int, in bytes: UnsafeBufferPointer<UInt8>) {
            var shapes: Shapes = []
            if DigitRuns.signedRun(start: runStart, end: runEnd, in: bytes) { shapes.insert(.signBefore) }
            if DigitRuns.capitalsBefore(start: runStart, end: runEnd, in: bytes) { shapes.insert(.capitalsBefore) }
            if DigitRuns.capitalsFollow(runEnd, in: bytes) { shapes.insert(.capitalsAfter) }
            self = shapes
        }
    }

    /// The first start of `kind` that `run` gives at or after `offset`, or nil.
    static func start(
        _ kind: MatchStarts, of run: Run, in bytes: UnsafeBufferPointer<UInt8>, minRun: Int, from offset: Int
    ) -> Int? {
        let first = run.start
        switch kind {
        case .signBeforeDigits:
            guard first >= 1, first - 1 >= offset, signedRun(start: first, end: run.end, in: bytes) else { return nil }
            return first - 1
        case .capitalsBeforeDigits:
            guard first - 2 >= offset, capitalsBefore(start: first, end: run.end, in: bytes) else { return nil }
            return first - 2
        case .digitsBeforeCapitals:
            guard capitalsFollow(run.end, in: bytes) else { return nil }
            var start = run.end
            while start > first, bytes[start - 1].isDigit { start -= 1 }
            return start >= offset ? start : nil
        case .digitLedToken:
            // Each digit sequence of the run: at its start, or after a separator.
            var position = first
            while position < run.end {
                // Only the run's first byte may follow a letter (separators are neither).
                let startsToken = position > first || position == 0 || !bytes[position - 1].isAlphanumeric
                if position >= offset, startsToken, alphanumericRun(from: position, in: bytes, atLeast: minRun) {
                    return position
                }
                while position < run.end, bytes[position].isDigit { position += 1 }
                position += 1
            }
            return nil
        case .anywhere, .firstNameOrContext, .digitRun:
            return nil
        }
    }

    /// Whether `+` comes right before the run `start..<end`, or `(` before it while `)` closes it
    /// after 2 to 5 digits, and the sign follows no ASCII letter or digit nor any of `+.,/:#-`,
    /// except a field label's colon (`Telefon:+49 …`: a colon right after an ASCII letter).
    static func signedRun(start: Int, end: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard start >= 1 else { return false }
        if start >= 2 {
            let before = bytes[start - 2]
            if before.isAlphanumeric { return false }
            switch before {
            case UInt8(ascii: ":"):
                guard start >= 3, bytes[start - 3].isASCIILetter else { return false }
            case UInt8(ascii: ","):
                // A CSV cell boundary after a word or a quote (the regex's `(?<=[^\d\s],)`).
                guard start >= 3, !bytes[start - 3].isDigit, !bytes[start - 3].isRegexSpace else { return false }
            case UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: "#"), UInt8(ascii: "-"):
                return false
            default: break
            }
        }
        switch bytes[start - 1] {
        case UInt8(ascii: "+"): return true
        case UInt8(ascii: "("): return end < bytes.count && bytes[end] == UInt8(ascii: ")") && (2...5).contains(end - start)
        default: return false
        }
    }

    /// Whether two ASCII capitals come right before the run `start..<end`, which starts with two
    /// digits.
    static func capitalsBefore(start: Int, end: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        start >= 2 && start + 1 < end && bytes[start + 1].isDigit && bytes[start - 1].isASCIICapital
            && bytes[start - 2].isASCIICapital
    }

    /// Whether an optional ASCII letter, ASCII whitespace, a capital (``UInt8/mayStartCapital``)
    /// with the bytes a word may hold after it (ASCII letters, `'`, `-`, any non-ASCII byte),
    /// ASCII whitespace and another capital come at `end`.
    static func capitalsFollow(_ end: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var position = end
        if position < bytes.count, bytes[position].isASCIILetter { position += 1 }
        guard skipSpace(&position, in: bytes), bytes[position].mayStartCapital else { return false }
        position += 1
        while position < bytes.count, bytes[position].mayContinueWord { position += 1 }
        return skipSpace(&position, in: bytes) && bytes[position].mayStartCapital
    }

    /// Moves `position` over one or more ASCII whitespace bytes; false when there is none, or
    /// nothing after them.
    private static func skipSpace(_ position: inout Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard position < bytes.count, bytes[position].isRegexSpace else { return false }
        while position < bytes.count, bytes[position].isRegexSpace { position += 1 }
        return position < bytes.count
    }

    /// Whether `bytes` from `position` hold at least `count` ASCII letters and digits in a row.
    static func alphanumericRun(from position: Int, in bytes: UnsafeBufferPointer<UInt8>, atLeast count: Int) -> Bool {
        guard position + count <= bytes.count else { return false }
        var index = position
        while index < position + count {
            guard bytes[index].isAlphanumeric else { return false }
            index += 1
        }
        return true
    }
}
