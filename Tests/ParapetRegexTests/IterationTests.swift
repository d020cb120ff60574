import ParapetRegex
import Testing

/// Adjacent and empty matches, options, groups, and early stop.
@Suite struct IterationTests {
    @Test func adjacentMatchesAreAllFound() throws {
        let regex = try CompiledRegex("ab")
        #expect(try regex.matches(in: "ababab").map(\.range) == [0..<2, 2..<4, 4..<6])
        let digits = try CompiledRegex(#"\d"#)
        #expect(try digits.matches(in: "123").count == 3)
    }

    @Test func emptyMatchesAdvanceByWholeScalars() throws {
        let regex = try CompiledRegex("x*")
        // Perl semantics: "", "x", "", "" for "axb".
        #expect(try regex.matches(in: "axb").map(\.range) == [0..<0, 1..<2, 2..<2, 3..<3])
        // Between multi-byte scalars: boundaries at 0, 2, 6, 7.
        #expect(try regex.matches(in: "é😀a").map(\.range) == [0..<0, 2..<2, 6..<6, 7..<7])
        #expect(try regex.matches(in: "").map(\.range) == [0..<0])
    }

    @Test func emptyThenNonEmptyAtSamePosition() throws {
        // At 0 the lazy pattern matches empty; the NOTEMPTY_ATSTART retry then finds "a".
        let regex = try CompiledRegex("a??")
        #expect(try regex.matches(in: "aa").map(\.range) == [0..<0, 0..<1, 1..<1, 1..<2, 2..<2])
    }

    @Test func lookaheadEmptyMatches() throws {
        let regex = try CompiledRegex(#"(?=é)"#)
        #expect(try regex.matches(in: "aéé").map(\.range) == [1..<1, 3..<3])
    }

    @Test func namedGroups() throws {
        let regex = try CompiledRegex(#"(?<user>[^@\s]+)@(?<host>[^\s@]+)|(?<other>x)"#)
        #expect(regex.captureCount == 3)
        #expect(regex.captureIndex(named: "user") == 1)
        #expect(regex.captureIndex(named: "host") == 2)
        #expect(regex.captureIndex(named: "nope") == nil)
        let subject = "mail: zoë@exämple.org"
        let match = try #require(try regex.firstMatch(in: subject))
        #expect(text(subject, match.group(1)) == "zoë")
        #expect(text(subject, match.group(2)) == "exämple.org")
        #expect(match.group(3) == nil)
        #expect(match.group(4) == nil)
        #expect(match.groups.count == 4)
        #expect(match.group(0) == match.range)
    }

    @Test func unsetGroupInTheMiddle() throws {
        let regex = try CompiledRegex("(a)|(b)")
        let match = try #require(try regex.firstMatch(in: "b"))
        #expect(match.groups == [0..<1, nil, 0..<1])
    }

    @Test(arguments: [
        (RegexOptions.caseless, "ABC abc", ["ABC", "abc"]),
        (RegexOptions.multiline, "a\nb", ["a", "b"]),
        (RegexOptions.dotAll, "a\nb", ["a\nb"]),
        (RegexOptions.anchored, "ab b", []),
        (RegexOptions.ungreedy, "aaa", ["a", "a", "a"]),
    ])
    func options(options: RegexOptions, subject: String, expected: [String]) throws {
        let pattern: String =
            switch options {
            case .caseless: "abc"
            case .multiline: "^\\w$"
            case .dotAll: "a.b"
            case .anchored: "b"
            default: "a+"
            }
        #expect(try allTexts(CompiledRegex(pattern, options: options), subject) == expected)
    }

    @Test func extendedIgnoresWhitespaceAndComments() throws {
        let regex = try CompiledRegex("a b  # comment\n c", options: .extended)
        #expect(try regex.hasMatch(in: "xabc"))
        #expect(try !regex.hasMatch(in: "a b c"))
    }

    @Test func forEachMatchStopsEarlyAndRethrows() throws {
        let regex = try CompiledRegex(#"\d"#)
        var seen: [Range<Int>] = []
        try regex.forEachMatch(in: "1é2é3") { match in
            seen.append(match.range)
            return seen.count < 2
        }
        #expect(seen == [0..<1, 3..<4])

        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try regex.forEachMatch(in: "123") { _ in throw Stop() }
        }
    }

    @Test func nestedUseInsideForEachMatch() throws {
        let words = try CompiledRegex(#"\w+"#)
        let vowels = try CompiledRegex("[aeiou]")
        var counts: [Int] = []
        try words.forEachMatch(in: "banana kiwi fig") { _ in
            counts.append(try vowels.matches(in: "education").count)
            return true
        }
        #expect(counts == [5, 5, 5])
        #expect(try words.matches(in: "banana kiwi fig").count == 3)
    }

    @Test func hasMatch() throws {
        let regex = try CompiledRegex("é+")
        #expect(try regex.hasMatch(in: "caféé"))
        #expect(try !regex.hasMatch(in: "cafe"))
        let bytes = Array("zé".utf8)
        #expect(try bytes.withUnsafeBufferPointer { try regex.hasMatch(in: $0) })
    }
}
