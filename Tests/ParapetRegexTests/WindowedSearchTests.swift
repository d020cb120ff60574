import ParapetRegex
import ParapetTestSupport
import Testing

/// Long subjects are searched by the JIT in windows with hard partial matching; the results must
/// be exactly those of the interpreter on the whole subject, wherever matches fall on the
/// window edges.
@Suite struct WindowedSearchTests {
    /// Patterns with the constructs a window edge can cut: greedy and lazy repeats, word
    /// boundaries, lookahead and lookbehind, anchors, alternation order, multi-byte scalars.
    static let patterns: [(String, RegexOptions)] = [
        (#"\d{3}-\d{4}"#, []),
        (#"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"#, .caseless),
        (#"\b[A-Z][a-z]+ [A-Z][a-z]+\b"#, []),
        (#"\w+"#, []),
        (#"é+z?"#, []),
        (#"(?<=key=)\w+"#, []),
        (#"ab(?!c)"#, []),
        (#"^\w+$"#, .multiline),
        (#"(?:ab|abcd)"#, []),
        (#"x{1,9000}"#, []),
        (#"https?://\S+"#, []),
        (#"\d+(?=\s|$)"#, []),
    ]

    /// Text with every shape the patterns look for, at seeded random places, over ~20 KB, with
    /// some very long runs (longer than a window).
    static func subject(seed: UInt64) -> String {
        var random = SeededGenerator(seed: seed)
        let pieces = [
            "call 555-1234 ", "Ann Lee ", "zoë@exämple.com ", "key=secret ", "abc abd ", "abcd ",
            "ééé ", "line\n", "http://x.org/a?b=c ", "12345 ", "a😀b ", "word ",
        ]
        var text = ""
        while text.utf8.count < 20_000 {
            switch Int.random(in: 0..<40, using: &random) {
            case 0: text += String(repeating: "x", count: Int.random(in: 3_000...6_000, using: &random))
            case 1: text += "http://" + String(repeating: "p", count: Int.random(in: 4_000...5_000, using: &random)) + " "
            case 2: text += String(repeating: "é", count: Int.random(in: 1_000...2_500, using: &random))
            default: text += pieces[Int.random(in: 0..<pieces.count, using: &random)]
            }
        }
        return text
    }

    static let generous = MatchLimits(match: 10_000_000, depth: 1_000_000, heapKiB: 262_144, scanTimeMicroseconds: 60_000_000)

    @Test(arguments: 0..<patterns.count)
    func windowedJITMatchesTheInterpreter(index: Int) throws {
        let (pattern, options) = Self.patterns[index]
        let windowed = try CompiledRegex(pattern, options: options, limits: Self.generous)
        let interpreter = try CompiledRegex(pattern, options: options, limits: Self.generous, jit: false)
        #expect(windowed.isJITCompiled)
        for seed in UInt64(1)...4 {
            let subject = Self.subject(seed: seed &* 7919 &+ UInt64(index))
            #expect(subject.utf8.count > MatchLimits.default.jitMaxSubjectBytes)
            #expect(try windowed.matches(in: subject) == (try interpreter.matches(in: subject)), "seed \(seed)")
        }
    }

    @Test(arguments: 0..<patterns.count)
    func firstMatchWithStartLimitsAgrees(index: Int) throws {
        let (pattern, options) = Self.patterns[index]
        let windowed = try CompiledRegex(pattern, options: options, limits: Self.generous)
        let interpreter = try CompiledRegex(pattern, options: options, limits: Self.generous, jit: false)
        let subject = Self.subject(seed: 99 &+ UInt64(index))
        let bytes = Array(subject.utf8)
        var random = SeededGenerator(seed: 5 &+ UInt64(index))
        for _ in 0..<40 {
            var from = Int.random(in: 0..<bytes.count, using: &random)
            while from < bytes.count, bytes[from] & 0xC0 == 0x80 { from += 1 }
            let lastStart = from + Int.random(in: 0..<9_000, using: &random)
            #expect(
                try windowed.firstMatch(in: subject, from: from, startingAtMost: lastStart)
                    == (try interpreter.firstMatch(in: subject, from: from, startingAtMost: lastStart)),
                "from \(from) to \(lastStart)")
        }
    }

    @Test func matchLongerThanAWindowIsWhole() throws {
        // A 6,000-byte run crosses at least one window edge; the JIT returns partial and the
        // interpreter completes the match.
        let subject = String(repeating: "a ", count: 3_000) + String(repeating: "x", count: 6_000) + " end"
        let regex = try CompiledRegex(#"x+"#)
        #expect(try regex.matches(in: subject).map(\.range) == [6_000..<12_000])
    }

    @Test func boundaryAtTheWindowEdgeIsNotInvented() throws {
        // `\bfoo\b` must not match "foo" cut from "foobar" by a window edge.
        let subject = String(repeating: " ", count: 4_093) + "foobar foo"
        let regex = try CompiledRegex(#"\bfoo\b"#)
        #expect(try regex.matches(in: subject).map(\.range) == [4_100..<4_103])
    }
}
