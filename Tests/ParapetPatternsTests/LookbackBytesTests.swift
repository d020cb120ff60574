import Foundation
import ParapetCore
import ParapetTestSupport
import Testing

@testable import ParapetPatterns

/// `requires.lookback_bytes`: on long texts a pattern's search starts where the run of the named
/// bytes before its literal starts (e-mail local parts before `@`), not `lookback` bytes before
/// it. It must find what the search from `lookback` bytes before finds.
@Suite("LookbackBytes")
struct LookbackBytesTests {
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
        #expect(pii.patterns.first { $0.name == "email" }?.requires.lookbackBytes == "A-Za-z0-9._%+-")
    }

    /// E-mail addresses in the forms the pattern takes (after mailto:, in brackets, quoted, with
    /// long and dotted local parts, several close together) and near misses, in texts over 4 KiB.
    @Test("Long texts of addresses and near misses give the same findings (seed 71)")
    func longTextsAgree() throws {
        let (filtered, everywhere) = try NameStartsTests.scanners()
        let pieces = [
            "mailto:ann.lee@example.org", "<bob+tag@mail.example.co.uk>", "\"carol_99@host.io\"", "x=dan%ops@corp.example",
            String(repeating: "l", count: 70) + "@example.com", "first.last@sub.example.net,second@example.org",
            "@handle", "a@b", "user@@example.com", "café@example.fr", "Write to eve@example.com today.",
            "In 2023 we sold 45 units at 3.50 each.", " ", "\n", "; ",
        ]
        var rng = SeededGenerator(seed: 71)
        var emails = 0
        for _ in 0..<30 {
            var text = ""
            while text.utf8.count < 5_000 { text += pieces.randomElement(using: &rng)! + [" ", "", "\n", ","].randomElement(using: &rng)! }
            let expected = try everywhere.scan(ScanInput(text: text)).findings
            #expect(try filtered.scan(ScanInput(text: text)).findings == expected)
            emails += expected.filter { $0.category == .email }.count
        }
        #expect(emails > 100)
    }
}
