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
        guard let base = bytes.baseAddress else {
            self.runs = []
            return
        }
        let raw = UnsafeRawPointer(base)
        while index < count {
            // Eight bytes at a time while none is a digit (prose: about 3 % of bytes are).
            while index + 8 <= count, !Self.hasDigit(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) {
                index += 8
            }
            guard index < count else { break }
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

    /// Whether any of the eight bytes of `word` is an ASCII digit: a byte below 0x80 in
    /// 0x30…0x39, found with the "has a byte between" bit trick.
    static func hasDigit(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
        let low7 = word & (ones &* 127)
        // Bytes b < 0x80 with 0x2F < b < 0x3A: (127 + 0x3A − b) and (b + 127 − 0x2F) both carry into bit 7.
        return (ones &* (127 + 0x3A) &- low7) & ~word & (low7 &+ ones &* (127 - 0x2F)) & high != 0
    }

    static func isSeparator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "/")
    }
}
