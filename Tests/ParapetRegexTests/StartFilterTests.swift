import Testing

@testable import ParapetRegex

/// A start filter bounded by a last allowed start finds the same candidate as an unbounded one
/// whenever that candidate is allowed, and never reports one past the bound.
struct StartFilterTests {
    static let filters: [StartFilter] = [
        .any, .byte(UInt8(ascii: "k"), UInt8(ascii: "K")), .byte(UInt8(ascii: "7"), UInt8(ascii: "7")), .lineStart,
        .bitmap(bitmap(of: "0123456789+")),
    ]

    static func bitmap(of bytes: String) -> [UInt8] {
        var bits = [UInt8](repeating: 0, count: 32)
        for byte in bytes.utf8 { bits[Int(byte) >> 3] |= 1 << (byte & 7) }
        return bits
    }

    @Test(arguments: filters.indices)
    func boundedAgreesWithUnbounded(filter index: Int) {
        let filter = Self.filters[index]
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ab kK7+\n9".utf8)
        for _ in 0..<2_000 {
            let subject = (0..<Int.random(in: 0...40, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            subject.withUnsafeBufferPointer { bytes in
                let from = Int.random(in: 0...bytes.count, using: &generator)
                let limit = Bool.random(using: &generator) ? Int.max : Int.random(in: -1...(bytes.count + 2), using: &generator)
                let unbounded = filter.nextCandidate(in: bytes, from: from)
                let bounded = filter.nextCandidate(in: bytes, from: from, through: limit)
                let context = "\(String(decoding: subject, as: UTF8.self).debugDescription) from \(from) through \(limit)"
                if let unbounded, unbounded <= limit {
                    #expect(bounded == unbounded, "\(context)")
                } else {
                    #expect(bounded == nil || bounded! > limit, "\(context)")
                }
            }
        }
    }

    @Test func theScanStopsAtTheLimit() {
        let subject = Array(("abc" + String(repeating: " ", count: 100) + "7").utf8)
        subject.withUnsafeBufferPointer { bytes in
            let digits = StartFilter.bitmap(Self.bitmap(of: "0123456789"))
            #expect(digits.nextCandidate(in: bytes, from: 0) == 103)
            #expect(digits.nextCandidate(in: bytes, from: 0, through: 102) == nil)
            #expect(digits.nextCandidate(in: bytes, from: 0, through: 103) == 103)
        }
    }
}
