import ParapetRegex
import Testing

/// JIT vs interpreter, chunked vs single-call scans, and concurrent use give identical results.
@Suite struct EquivalenceTests {
    static let cases: [(String, RegexOptions, String)] = [
        (#"\d{3}-\d{4}"#, [], "call 555-1234 or 555-9876, é 123-4567"),
        (#"(?<w>\w+)@(\w+)\.com"#, .caseless, "A@B.COM, zoë@x.com, ok@fine.com"),
        ("x*", [], "axxbé😀x"),
        ("a??", [], "aaé"),
        (#"\bfoo\b"#, .unicodeProperties, "foo éfoo foo_ foo"),
        (#"^\s*(\S+)$"#, .multiline, "  one\ntwo \n\n  three"),
        ("(?:é|😀)+", [], "aé😀éb😀"),
        (#"(a)|b|(c)"#, [], "abcabc"),
        ("[^a]", [], "aé漢a😀"),
        (#"(?=\p{Han})"#, [], "a漢字b字"),
        ("", [], "héllo"),
        ("ab", .anchored, "abab"),
        (#"\X"#, [], "e\u{301}👩‍👩‍👧a"),
        (#"(?<=é)\w"#, [], "éaébc"),
    ]

    /// A budget no debug build on a loaded machine can hit, so chunking runs but never throws.
    static let generousBudget = MatchLimits(
        match: 100_000, depth: 100_000, heapKiB: 20_480, scanTimeMicroseconds: 60_000_000)

    @Test(arguments: cases)
    func jitAndInterpreterAgree(pattern: String, options: RegexOptions, subject: String) throws {
        let jit = try CompiledRegex(pattern, options: options)
        let interpreter = try CompiledRegex(pattern, options: options, jit: false)
        #expect(!interpreter.isJITCompiled)
        let expected = try interpreter.matches(in: subject)
        #expect(try jit.matches(in: subject) == expected)
        #expect(try jit.firstMatch(in: subject) == expected.first)
        #expect(try jit.hasMatch(in: subject) == !expected.isEmpty)
        #expect(try jit.matches(inBytes: Array(subject.utf8)) == expected)
    }

    @Test func jitIsUsedWhenAvailable() throws {
        // libpcre2-8 on Debian/Ubuntu and Homebrew is built with JIT on x86_64 and arm64.
        #expect(try CompiledRegex(#"\d+"#).isJITCompiled)
    }

    @Test(arguments: cases)
    func chunkedLongSubjectsAgreeWithSingleCall(pattern: String, options: RegexOptions, subject: String) throws {
        // Repeat the subject past the budgeted size so the scan runs in chunks.
        let long = String(repeating: subject + " ", count: 6_000 / (subject.utf8.count + 1) + 1)
        // Single-call JIT scan versus the default long-subject path (chunked, interpreter).
        let unbudgeted = MatchLimits(
            match: 1_000_000, depth: 250_000, heapKiB: 65_536, scanTimeMicroseconds: 0, jitMaxSubjectBytes: .max)
        let plain = try CompiledRegex(pattern, options: options, limits: unbudgeted)
        let chunked = try CompiledRegex(pattern, options: options, limits: Self.generousBudget)
        #expect(long.utf8.count > CompiledRegex.budgetedSubjectBytes)
        #expect(try chunked.matches(in: long) == (try plain.matches(in: long)))
        let bytes = Array(long.utf8)
        let from = (4_000..<bytes.count).first { bytes[$0] & 0xC0 != 0x80 } ?? 0
        #expect(try chunked.firstMatch(in: long, from: from) == (try plain.firstMatch(in: long, from: from)))
    }

    @Test func sparseMatchInLongSubjectIsFound() throws {
        let regex = try CompiledRegex("needle(é)", limits: Self.generousBudget)
        let subject = String(repeating: "hay ", count: 100_000) + "needleé" + String(repeating: "é", count: 5_000)
        let matches = try regex.matches(in: subject)
        #expect(matches.map(\.range) == [400_000..<400_008])
        #expect(matches.first?.group(1) == 400_006..<400_008)
    }

    @Test(arguments: [
        (#"\w=x"#, RegexOptions(), "a=x"),
        ("key.*SECRET", RegexOptions.caseless, "key: secret"),
        ("(?i)token=\\w+", RegexOptions(), "TOKEN=abc"),
    ])
    func requiredBytePrecheckKeepsLateMatches(pattern: String, options: RegexOptions, tail: String) throws {
        // Long subjects take the memchr shortcut for the required byte; it must not hide a match
        // at the very end, in either letter case.
        let subject = String(repeating: "a", count: 600_000) + "\n" + tail
        let regex = try CompiledRegex(pattern, options: options, limits: Self.generousBudget)
        let matches = try regex.matches(in: subject)
        #expect(matches.count == 1)
        #expect(matches.first?.range.upperBound == subject.utf8.count)
        #expect(try regex.matches(in: String(repeating: "a", count: 600_000)) == [])
    }

    @Test func concurrentScansGiveIdenticalResults() async throws {
        let regexes = try Self.cases.map { try CompiledRegex($0.0, options: $0.1) }
        let subjects = Self.cases.map(\.2)
        var expected: [[RegexMatch]] = []
        for (regex, subject) in zip(regexes, subjects) { expected.append(try regex.matches(in: subject)) }

        let results = try await withThrowingTaskGroup(of: [[RegexMatch]].self) { group in
            for _ in 0..<32 {
                group.addTask {
                    var out: [[RegexMatch]] = []
                    for _ in 0..<20 {
                        out = []
                        for (regex, subject) in zip(regexes, subjects) { out.append(try regex.matches(in: subject)) }
                    }
                    return out
                }
            }
            var all: [[[RegexMatch]]] = []
            for try await result in group { all.append(result) }
            return all
        }
        #expect(results.count == 32)
        for result in results { #expect(result == expected) }
    }
}
