import ParapetCore
import ParapetPatterns
import ParapetTestSupport
import Testing

/// Byte offsets with non-ASCII text before matches, and a seeded property test that every
/// finding lies within the text on UTF-8 scalar boundaries.
@Suite("Offsets")
struct OffsetPropertyTests {
    @Test(arguments: ["Jürgen Weiß", "Zoë 🙂 Ærø", "東京 👩‍👩‍👧‍👦", "ąęłńóśźż"])
    func nonASCIIPrefixKeepsByteOffsets(_ prefix: String) throws {
        let text = prefix + " – mail zoe@example.com, IP 192.168.10.20 🙂"
        let findings = try Scanners.default.scan(ScanInput(text: text)).findings
        let email = try #require(findings.first { $0.category == .email })
        let ip = try #require(findings.first { $0.category == .ipAddress })
        #expect(email.text(in: text) == "zoe@example.com")
        #expect(ip.text(in: text) == "192.168.10.20")
        let expectedStart = Array(text.utf8).count - Array("zoe@example.com, IP 192.168.10.20 🙂".utf8).count
        #expect(email.range.lowerBound == expectedStart)
    }

    static let pieces = [
        "ä", "ß", "é", "🙂", "👩‍👩‍👧", "東", " ", "\n", ".", ",", ":", "-", "@", "/", "a", "Z", "0", "7",
        "bob@example.com", "+49 30 901820", "4111 1111 1111 1111", "192.168.0.1", "fe80::1", "born 12.03.1970",
        "passport C03005988", "password=Fak3!Pw0rd", "https://example.com/ü?x=1", "Dr. Jürgen Weiß", "lives in Köln",
        "GB82 WEST 1234 5698 7654 32", "SSN 536-22-1234", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "AKIA", "xoxb-", "eyJ",
    ]

    @Test func findingsStayOnScalarBoundaries() throws {
        var generator = SeededGenerator(seed: 20_261_129)
        for _ in 0..<400 {
            let count = Int.random(in: 1...40, using: &generator)
            var text = ""
            for _ in 0..<count { text += Self.pieces.randomElement(using: &generator) ?? "" }
            let bytes = Array(text.utf8)
            for finding in try Scanners.default.scan(ScanInput(text: text)).findings {
                #expect(finding.range.lowerBound >= 0 && finding.range.upperBound <= bytes.count)
                #expect(!finding.range.isEmpty)
                #expect(Self.isBoundary(bytes, finding.range.lowerBound), "\(finding) in \(text)")
                #expect(Self.isBoundary(bytes, finding.range.upperBound), "\(finding) in \(text)")
            }
        }
    }

    static func isBoundary(_ bytes: [UInt8], _ offset: Int) -> Bool {
        offset == bytes.count || (offset < bytes.count && bytes[offset] & 0xC0 != 0x80)
    }
}
