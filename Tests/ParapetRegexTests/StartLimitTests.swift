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

    @Test func laterMatchesAreNotReported() throws {
        let regex = try CompiledRegex(#"\d+"#)
        let subject = "ab" + String(repeating: " ", count: 9_000) + "42"
        #expect(try regex.firstMatch(in: subject, from: 0, startingAtMost: 8_000) == nil)
        #expect(try regex.firstMatch(in: subject, from: 0)?.range == 9_002..<9_004)
    }
}
