import ParapetRegex
import Testing

/// Non-ASCII subjects first: spans are UTF-8 byte offsets, not Character or UTF-16 offsets.
@Suite struct OffsetTests {
    @Test func accentedLettersGiveByteOffsets() throws {
        let regex = try CompiledRegex("caf.")
        let subject = "é café é"
        let match = try #require(try regex.firstMatch(in: subject))
        // "é " is 3 bytes, "caf" 3 bytes, "é" 2 bytes.
        #expect(match.range == 3..<8)
        #expect(text(subject, match.range) == "café")
    }

    @Test(arguments: [
        ("東京タワー and 東京駅", "東京", [0..<6, 20..<26]),
        ("😀x😀x", "x", [4..<5, 9..<10]),
        ("👩‍👩‍👧 family", "family", [19..<25]),
        ("naïve naïve", "na.ve", [0..<6, 7..<13]),
    ])
    func nonASCIISubjects(subject: String, pattern: String, expected: [Range<Int>]) throws {
        let regex = try CompiledRegex(pattern)
        #expect(try regex.matches(in: subject).map(\.range) == expected)
        for match in try regex.matches(in: subject) {
            #expect(text(subject, match.range)?.isEmpty == false)
        }
    }

    @Test func dotMatchesOneWholeScalar() throws {
        let regex = try CompiledRegex(".")
        #expect(try regex.matches(in: "é😀a").map(\.range) == [0..<2, 2..<6, 6..<7])
    }

    @Test func firstMatchFromByteOffset() throws {
        let regex = try CompiledRegex("é")
        let subject = "éaé"
        #expect(try regex.firstMatch(in: subject, from: 2)?.range == 3..<5)
        #expect(try regex.firstMatch(in: subject, from: 5) == nil)
        #expect(throws: RegexError.self) { try regex.firstMatch(in: subject, from: 1) }
        #expect(throws: RegexError.self) { try regex.firstMatch(in: subject, from: 6) }
    }

    @Test func startOffsetInsideScalarIsInvalidUTF8() throws {
        let regex = try CompiledRegex("a")
        do {
            _ = try regex.firstMatch(in: "éa", from: 1)
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .invalidUTF8)
            #expect(error.offset == 1)
        }
    }

    @Test func unicodePropertiesOnlyWhenAsked() throws {
        let ascii = try CompiledRegex(#"\w+"#)
        let ucp = try CompiledRegex(#"\w+"#, options: .unicodeProperties)
        let subject = "élan"
        #expect(try ascii.matches(in: subject).map(\.range) == [2..<5])
        #expect(try ucp.matches(in: subject).map(\.range) == [0..<5])
        // \p{L} works without UCP.
        #expect(try CompiledRegex(#"\p{L}+"#).matches(in: subject).map(\.range) == [0..<5])
    }
}

/// The example in docs/regex.md, kept honest.
@Test func documentationExample() throws {
    let email = try CompiledRegex(#"(?<user>[\w.+-]+)@(?<host>[\w-]+(?:\.[\w-]+)+)"#, options: .caseless)
    let text = "écrivez à zoe@example.com"
    let matches = try email.matches(in: text)
    #expect(matches.map(\.range) == [12..<27])
    let host = try #require(email.captureIndex(named: "host"))
    #expect(ParapetRegexTests.text(text, matches.first?.group(host)) == "example.com")
}
