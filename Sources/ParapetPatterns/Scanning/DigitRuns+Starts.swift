/// The match starts that ``MatchStarts`` kinds other than `digit_run` read off the digit runs and
/// the bytes around them: each kind names a shape that every match of its patterns begins with,
/// and only places of that shape are tried on long texts.
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
        /// `+` or `(` right before the run.
        static let signBefore = Shapes(rawValue: 1)
        /// Two ASCII capitals right before the run, which starts with two digits.
        static let capitalsBefore = Shapes(rawValue: 2)
        /// An optional ASCII letter, ASCII whitespace and a capital right after the run.
        static let capitalAfter = Shapes(rawValue: 4)

        init(rawValue: UInt8) { self.rawValue = rawValue }

        /// The shape `kind` needs (none for kinds that are not read off one).
        init(_ kind: MatchStarts) {
            switch kind {
            case .signBeforeDigits: self = .signBefore
            case .capitalsBeforeDigits: self = .capitalsBefore
            case .digitsBeforeCapital: self = .capitalAfter
            case .anywhere, .firstNameOrContext, .digitRun, .digitLedToken: self = []
            }
        }

        /// The shapes around the run `runStart..<runEnd` of `bytes`.
        init(runStart: Int, runEnd: Int, firstSequenceDigits: Int, in bytes: UnsafeBufferPointer<UInt8>) {
            var shapes: Shapes = []
            if runStart >= 1, bytes[runStart - 1] == UInt8(ascii: "+") || bytes[runStart - 1] == UInt8(ascii: "(") {
                shapes.insert(.signBefore)
            }
            if runStart >= 2, firstSequenceDigits >= 2, bytes[runStart - 1].isASCIICapital, bytes[runStart - 2].isASCIICapital {
                shapes.insert(.capitalsBefore)
            }
            if DigitRuns.capitalFollows(runEnd, in: bytes) { shapes.insert(.capitalAfter) }
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
            guard first >= 1, first - 1 >= offset else { return nil }
            let sign = bytes[first - 1]
            return sign == UInt8(ascii: "+") || sign == UInt8(ascii: "(") ? first - 1 : nil
        case .capitalsBeforeDigits:
            guard first >= 2, first - 2 >= offset, first + 1 < run.end, bytes[first + 1].isDigit,
                  bytes[first - 1].isASCIICapital, bytes[first - 2].isASCIICapital
            else { return nil }
            return first - 2
        case .digitsBeforeCapital:
            guard capitalFollows(run.end, in: bytes) else { return nil }
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

    /// Whether an optional ASCII letter, one or more ASCII whitespace bytes and a capital
    /// (``UInt8/mayStartCapital``) come at `end`.
    static func capitalFollows(_ end: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var position = end
        if position < bytes.count, bytes[position].isASCIILetter { position += 1 }
        guard position < bytes.count, bytes[position].isRegexSpace else { return false }
        while position < bytes.count, bytes[position].isRegexSpace { position += 1 }
        return position < bytes.count && (bytes[position].mayStartCapital)
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
