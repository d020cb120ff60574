import Foundation
import ParapetCore
import Testing

@testable import ParapetPatterns

/// The prefilter fields that narrow the regions around a pattern's literals on long texts:
/// `requires.lookback_bytes` (the search starts where the run of the named bytes before the
/// literal starts: e-mail local parts before `@`) and `requires.pair_within` (only an occurrence
/// that another follows that closely starts a region: IPv6's first two colons). Each must find
/// what the plain `lookback` regions find.
@Suite("LiteralRegions")
struct LiteralRegionTests {
    @Test(arguments: [
        ("A-Za-z0-9._%+-", Array("ABCXYZabcxyz0189._%+-".utf8), Array(" @,;:<>(\"'/é".utf8)),
        ("-a", Array("-a".utf8), Array("b".utf8)),
        ("a-", Array("a-".utf8), Array("b".utf8)),
    ])
    func tablesHoldExactlyTheNamedBytes(spec: String, inside: [UInt8], outside: [UInt8]) throws {
        var prefilter = PatternPrefilter()
        prefilter.lookbackBytes = spec
        let table = try #require(prefilter.lookbackByteTable())
        #expect(inside.allSatisfy { table[Int($0)] })
        #expect(!outside.contains { table[Int($0)] })
    }

    @Test(arguments: ["", "z-a", "é"])
    func malformedSpecsAreRefusedWithTheirLocation(spec: String) {
        let yaml = CatalogYAML.onePattern(
            name: "mail", category: "pii.email", regex: #"\w+@\w+"#, requires: "{literals: ['@'], lookback: 64, lookback_bytes: '\(spec)'}")
        let error = CatalogYAML.error(loading: yaml)
        #expect(error?.code == "bad_value")
        #expect(error?.line == 8)
    }

    @Test func theEmailPatternUsesIt() throws {
        let pii = try PatternCatalog.builtIn("pii")
        #expect(pii.patterns.first { $0.name == "email" }?.requires.lookbackBytes == "A-Za-z0-9._%+:-")
    }

    /// E-mail addresses in the forms the pattern takes (after mailto:, in brackets, quoted, after a
    /// field label, with long and dotted local parts, several close together) and near misses
    /// (a URL's user and password), in texts over 4 KiB.
    @Test("Long texts of addresses and near misses give the same findings (seed 71)")
    func longTextsAgree() throws {
        let pieces = [
            "mailto:ann.lee@example.org", "<bob+tag@mail.example.co.uk>", "\"carol_99@host.io\"", "x=dan%ops@corp.example",
            String(repeating: "l", count: 70) + "@example.com", "first.last@sub.example.net,second@example.org",
            "@handle", "a@b", "user@@example.com", "café@example.fr", "Write to eve@example.com today.",
            "In 2023 we sold 45 units at 3.50 each.", " ", "\n", "; ", "Contact:fay@example.com", "EMAIL;TYPE=work:gus@example.org",
            "redis://admin:pa55@cache.example.net:6379", "Reply-To:" + String(repeating: "k", count: 60) + "@example.com",
        ]
        let found = try LongTexts.expectSameFindings(LongTexts.joined(pieces, seed: 71, count: 30))
        #expect(found.filter { $0.category == .email }.count > 100)
    }

    @Test(arguments: [
        ("{literals: [':'], lookback: 4, pair_within: 0}", "bad_value"), ("{lookback: 4, pair_within: 5}", "bad_value"),
        ("{literals: [':'], pair_within: 5}", "bad_value"),
    ])
    func badPairWindowsAreRefusedWithTheirLocation(requires: String, code: String) {
        let yaml = CatalogYAML.onePattern(name: "pairs", category: "pii.ip_address", regex: #"\w+:\w*:"#, requires: requires)
        let error = CatalogYAML.error(loading: yaml)
        #expect(error?.code == code)
        #expect(error?.line == 8)
    }

    @Test func theIPv6PatternUsesPairs() throws {
        let pii = try PatternCatalog.builtIn("pii")
        #expect(pii.patterns.first { $0.name == "ipv6" }?.requires.pairWithin == 5)
    }

    /// IPv6 addresses in their forms (full, compressed, `::1`, IPv4-embedded, zone ids) and texts
    /// full of lone and close colons (`SSN:`, times, URLs), in texts over 4 KiB.
    @Test("Long texts of IPv6 addresses and colons give the same findings (seed 72)")
    func pairedColonsMissNothing() throws {
        let pieces = [
            "2001:db8:85a3::8a2e:370:7334", "fe80::1%eth0", "::1", "::ffff:192.0.2.128", "2001:0db8:0000:0000:0000:ff00:0042:8329",
            "from 2001:db8::4a48:6dc6:8e3f:4b93", "SSN: 123-45-6789", "at 05:37:31Z", "https://example.com:8443/x", "a:b", "key: value",
            "ab:cdef:", "12345:6789:", "::", "In 2023 we sold 45 units.", " ", "\n", "; ",
        ]
        let found = try LongTexts.expectSameFindings(LongTexts.joined(pieces, seed: 72, count: 30))
        #expect(found.filter { $0.category == .ipAddress }.count > 100)
    }
}
