import ParapetRegex
import Testing

/// `firstMatch(in:from:startingAtMost:)` tries start positions up to and including the limit,
/// on short subjects (one call) and long ones (chunked interpreter under the budget) alike.
struct StartLimitTests {
    @Test(arguments: [0, 10_000])
    func limitIsInclusive(padding: Int) throws {
        let regex = try CompiledRegex("abc")
        let subject = String(repeating: "x", count: padding) + "xxabc"
        let at = padding + 2
        #expect(try regex.firstMatch(in: subject, from: 0, startingAtMost: at - 1) == nil)
        #expect(try regex.firstMatch(in: subject, from: 0, startingAtMost: at)?.range == at..<(at + 3))
        #expect(try regex.firstMatch(in: subject, from: at, startingAtMost: at)?.range == at..<(at + 3))
    }

    @Test(arguments: [0, 10_000])
    func matchMayEndPastTheLimit(padding: Int) throws {
        let regex = try CompiledRegex(#"key=\w+"#)
        let subject = String(repeating: "-", count: padding) + "key=" + String(repeating: "v", count: 5_000)
        let match = try regex.firstMatch(in: subject, from: 0, startingAtMost: padding)
        #expect(match?.range == padding..<subject.utf8.count)
    }

    /// A search of one start position on a long subject runs without the time budget's clock;
    /// PCRE2's per-start limits still stop a catastrophic pattern there, and a match that runs
    /// past the first JIT window is still found whole.
    @Test func oneStartOnALongSubjectIsBoundedByTheMatchLimit() throws {
        let regex = try CompiledRegex(#"(a|aa)+!"#)
        let hostile = "x" + String(repeating: "a", count: 200_000) + "?!"
        #expect(throws: RegexError.self) { try regex.firstMatch(in: hostile, from: 1, startingAtMost: 1) }
        let long = "x" + String(repeating: "a", count: 9_000) + "!"
        #expect(try regex.firstMatch(in: long, from: 1, startingAtMost: 1)?.range == 1..<9_002)
    }

    @Test func laterMatchesAreNotReported() throws {
        let regex = try CompiledRegex(#"\d+"#)
        let subject = "ab" + String(repeating: " ", count: 9_000) + "42"
        #expect(try regex.firstMatch(in: subject, from: 0, startingAtMost: 8_000) == nil)
        #expect(try regex.firstMatch(in: subject, from: 0)?.range == 9_002..<9_004)
    }

    /// The bytes entry point finds what the String one finds, from every start, with and without
    /// a start limit, on a short subject and on a long one (windowed search).
    @Test(arguments: [0, 6_000])
    func bytesAgreeWithString(padding: Int) throws {
        let regex = try CompiledRegex(#"(?<![\p{L}\d])\p{Lu}\p{Ll}+ \d{2,4}"#, options: [.unicodeProperties])
        let subject = String(repeating: "é ", count: padding / 3) + "Zoë 12, Émile 345 and Ann 7; Bob 2024 ✓"
        let utf8 = Array(subject.utf8)
        let starts = utf8.indices.filter { (utf8.count - $0 < 60 || $0 < 8) && utf8[$0] & 0xC0 != 0x80 }
        try utf8.withUnsafeBufferPointer { bytes in
            for from in starts {
                for limit in [from, from + 7, Int.max] {
                    let viaBytes = try regex.firstMatch(inValidUTF8: bytes, from: from, startingAtMost: limit)
                    #expect(viaBytes == (try regex.firstMatch(in: subject, from: from, startingAtMost: limit)), "from \(from) limit \(limit)")
                }
            }
        }
    }
}
