/// Where a match can start, from PCRE2's own start-of-match analysis; used to skip ahead
/// before each chunk of a budgeted scan.
///
/// Why: PCRE2 skips ahead to the next possible start (first code unit, start bitmap, line
/// start) *without* looking at the offset limit, so on a long subject each chunked call could
/// scan far past its chunk and the scan would turn quadratic. Skipping ahead ourselves first
/// means every stretch of the subject is scanned at most twice.
enum StartFilter: Sendable {
    /// No known constraint: every scalar boundary is a candidate.
    case any
    /// The match starts with this ASCII byte (or its other case).
    case byte(UInt8, UInt8)
    /// The match starts at the subject start or after a newline (`.*`-led patterns).
    case lineStart
    /// The first byte of the match is in this 256-bit set.
    case bitmap([UInt8])

    /// Builds the filter from `PCRE2_INFO_FIRSTCODETYPE/FIRSTCODEUNIT/FIRSTBITMAP`.
    init(type: UInt32, unit: UInt32, bitmap: [UInt8]?, allOptions: UInt32, newlineEndsWithLF: Bool) {
        if allOptions & PCRE2.noStartOptimize != 0 {
            self = .any
        } else if type == 1, unit < 0x80, let (byte, other) = CompiledRegex.bothCases(UInt8(unit)) {
            self = .byte(byte, other)
        } else if type == 2, newlineEndsWithLF {
            self = .lineStart
        } else if type != 2, let bitmap, bitmap.count == 32 {
            self = .bitmap(bitmap)
        } else {
            self = .any
        }
    }

    /// The first candidate start at or after `from`, or nil if no match can start there or later.
    /// The scan reads no further than `limit`, the last start the caller allows (a search
    /// restricted to a short region of a long subject must not read on to the subject's end); a
    /// candidate past it is not reported.
    func nextCandidate(in subject: UnsafeBufferPointer<UInt8>, from: Int, through limit: Int = Int.max) -> Int? {
        let end = limit >= subject.count ? subject.count : limit + 1
        let scanned = UnsafeBufferPointer(rebasing: subject[..<max(end, 0)])
        switch self {
        case .any:
            return from
        case .byte(let byte, let other):
            let first = PCRE2.find(byte, in: scanned, from: from)
            let second = other == byte ? nil : PCRE2.find(other, in: scanned, from: from)
            switch (first, second) {
            case (let a?, let b?): return min(a, b)
            case (let a?, nil): return a
            case (nil, let b?): return b
            case (nil, nil): return nil
            }
        case .lineStart:
            if from == 0 || (from <= subject.count && subject[from - 1] == UInt8(ascii: "\n")) { return from }
            return PCRE2.find(UInt8(ascii: "\n"), in: scanned, from: from).map { $0 + 1 }
        case .bitmap(let bits):
            guard from < end else { return nil }
            return bits.withUnsafeBufferPointer { bits in
                for index in from..<end {
                    let byte = Int(scanned[index])
                    if bits[byte >> 3] & (1 << (byte & 7)) != 0 { return index }
                }
                return nil
            }
        }
    }
}
