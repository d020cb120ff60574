/// The maximal runs of ASCII digits joined by single separators (space, `.`, `-`, `/`) in a
/// text, in order, with the digits and dots each holds.
///
/// A pattern whose whole match is digits and such separators (card, SSN, grouped phone and
/// IPv4 numbers) matches inside one run, and only in a run that holds at least as many digits
/// (and dots) as the match: ``MatchStarts/digitRun`` patterns are run on long texts only there.
/// In prose most digit runs are years and counts, so those patterns skip nearly every digit.
struct DigitRuns: Sendable {
    /// One run: `start..<end` in bytes, its digit and dot counts.
    struct Run: Sendable, Equatable {
        let start: Int
        let end: Int
        let digits: Int
        let dots: Int
    }

    let runs: [Run]

    /// The runs of `bytes`, found in one pass.
    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        var runs: [Run] = []
        var index = 0
        let count = bytes.count
        while index < count {
            guard bytes[index].isDigit else {
                index += 1
                continue
            }
            let start = index
            var digits = 0, dots = 0
            while true {
                while index < count, bytes[index].isDigit {
                    digits += 1
                    index += 1
                }
                guard index + 1 < count, Self.isSeparator(bytes[index]), bytes[index + 1].isDigit else { break }
                if bytes[index] == UInt8(ascii: ".") { dots += 1 }
                index += 1
            }
            runs.append(Run(start: start, end: index, digits: digits, dots: dots))
        }
        self.runs = runs
    }

    /// The first run at index `resumingAt` or later that ends after `offset` and holds at least
    /// `digits` digits and `dots` dots; nil when none is left.
    func first(endingAfter offset: Int, digits: Int, dots: Int, resumingAt: Int) -> (index: Int, run: Run)? {
        var index = resumingAt
        while index < runs.count {
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
