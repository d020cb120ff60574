import Foundation
import ParapetCore
@testable import ParapetPatterns
import ParapetRegex
import Testing

/// Long texts are searched only where each pattern can match (``PatternScanner``'s region
/// search), by the JIT in windows; that must find exactly what one whole-subject search of
/// every position finds.
@Suite("RegionSearch")
struct RegionSearchTests {
    static let wholeSubject = MatchLimits(
        match: 10_000_000, depth: 1_000_000, heapKiB: 262_144, scanTimeMicroseconds: 0, jitMaxSubjectBytes: .max)

    static func scanners() throws -> (regions: PatternScanner, everywhere: PatternScanner) {
        let catalogs = try PatternCatalog.builtInNames.map { try PatternCatalog.builtIn($0) }
        return (
            try PatternScanner(catalogs: catalogs),
            // The reference: no regions, and the JIT on the whole subject in one call (no windows).
            try PatternScanner(
                id: "patterns", catalogs: catalogs, categories: nil, minScore: 0, limits: Self.wholeSubject,
                regionSearchBytes: Int.max, boundsShortSearches: false)
        )
    }

    /// The dev texts searched the shipped way must give what a search of every position to the
    /// end gives: short texts (as they are, and joined into ~300-byte texts) stop each pattern's
    /// search at its last possible start (after the last literal, digit or required byte, or a
    /// context window past the last context word); long ones (joined into 5 and 40 KB) search
    /// only the regions where a match can start.
    @Test(arguments: ["pii-dev/pii_dev.jsonl", "secrets-dev/secrets_dev.jsonl"], [false, true])
    func devSetsGiveTheSameFindingsAsASearchOfEveryPosition(path: String, long: Bool) throws {
        guard let records = try DevSet.load(path) else {
            if DevSet.isCI { Issue.record("dev set \(path) not found (set PARAPET_SHARED_DATA)") }
            return
        }
        let (shipped, everywhere) = try Self.scanners()
        let texts = long
            ? [5_000, 40_000].flatMap { DevSet.join(records.map(\.text), into: $0, separator: "\n") }.filter { $0.utf8.count > 4096 }
            : (records.map(\.text) + DevSet.join(records.map(\.text), into: 300, separator: " ")).filter { $0.utf8.count <= 4096 }
        var compared = 0
        for text in texts {
            let expected = try everywhere.scan(ScanInput(text: text)).findings
            let found = try shipped.scan(ScanInput(text: text)).findings
            #expect(found == expected, "\(path), text of \(text.utf8.count) bytes")
            compared += expected.count
        }
        #expect(compared > 500)
    }

    /// Texts packed with one kind of value (over 4 KiB, so region search applies): the joined
    /// regions are walked once, not again after every match (that made 1,800 IPv6 addresses cost
    /// 3.4 s, cubic in the text's length), and must still give every finding a search of every
    /// position gives.
    @Test(arguments: ["fe80::%x", "user%d@example.com", "https://h%d.example.org/p", "password=v%d", "see www.s%d.com,"])
    func textsDenseWithOneKindOfValueGiveTheSameFindings(shape: String) throws {
        let (shipped, everywhere) = try Self.scanners()
        let text = (1...900).map { String(format: shape, $0) }.joined(separator: " ")
        #expect(text.utf8.count > 4096)
        let expected = try everywhere.scan(ScanInput(text: text)).findings
        let found = try shipped.scan(ScanInput(text: text)).findings
        #expect(found == expected, "\(shape)")
        if !shape.hasPrefix("password") { #expect(expected.count >= 900, "\(shape)") }
    }

    /// Repeats after the last anchor and anchors at the very end: the bound must not cut a match.
    @Test func matchesNearTheLastAnchorAreStillFound() throws {
        let (bounded, everywhere) = try Self.scanners()
        let texts = [
            "mail a@b.co or b@c.co, then x", "call +1 415 555 2671", "ids 10.0.0.1 and 192.168.1.20",
            "born 1984-03-12 or born on 12/03/1984", "api_key = \"Zx81qPw0LmN4vBt7\" and token: k9Lm2Qw8Er5Ty1Ui",
            "key key key secret = Qw8Er5Ty1UiZx81qPw0L", "2001:db8::1 then fe80::1", "AKIAIOSFODNN7EXAMPLF",
        ]
        for text in texts {
            let expected = try everywhere.scan(ScanInput(text: text)).findings
            #expect(!expected.isEmpty, "\(text)")
            #expect(try bounded.scan(ScanInput(text: text)).findings == expected, "\(text)")
        }
    }

    /// Short texts search e-mail and IPv6 patterns only near their `@` and `:` (``ByteRegions``):
    /// addresses far apart, a local part right after a label, and colons that are no address
    /// (times, `key: value`) must give what a search of every position gives.
    @Test func shortTextsAreSearchedNearTheirLiteralBytes() throws {
        let (shipped, everywhere) = try Self.scanners()
        let filler = String(repeating: "plain words without any anchor at all, ", count: 4)
        let texts = [
            "a.b@example.org " + filler + "Contact:c@d.io " + filler + "<e+f@g.co.uk>",
            "at 12:30:45 we saw 2001:db8::8a2e:370:7334, then key: value " + filler + "fe80::1%eth0 and ::1",
            "mailto:x@y.de " + filler + "user@host but not a@b or @c.com; ip 10:20 " + filler + "2600:1f18::9c47:c492",
            "@@@ :: : @ " + filler + "z@q.example",
        ]
        var found = 0
        for text in texts {
            #expect(text.utf8.count <= 4096)
            let expected = try everywhere.scan(ScanInput(text: text)).findings
            #expect(try shipped.scan(ScanInput(text: text)).findings == expected, "\(text)")
            found += expected.filter { $0.category == .email || $0.category == .ipAddress }.count
        }
        #expect(found >= 8)  // not vacuous: most of the addresses above are found
    }

    @Test func contextAndLiteralPatternsMatchOnlyNearTheirAnchors() throws {
        let (regions, everywhere) = try Self.scanners()
        let filler = String(repeating: "The meeting moved to the afternoon; bring the key notes and a token gift. ", count: 120)
        let text = filler + "Date of birth: 12/03/1984. api_key = \"Zx81qPw0LmN4vBt7\" " + filler
            + "born 1984-03-12 and secret: k9Lm2Qw8Er5Ty1Ui " + filler
        let expected = try everywhere.scan(ScanInput(text: text)).findings
        let found = try regions.scan(ScanInput(text: text)).findings
        #expect(found == expected)
        let categories = Set(found.map(\.category.rawValue))
        #expect(categories.contains("pii.date_of_birth"))
        #expect(categories.contains("secret.generic"))
    }

    /// Colons close together make one region; every address in it is still found, and a colon
    /// after the region's first match starts a search again.
    @Test func nearbyLiteralsJoinIntoOneRegionAndEveryMatchIsFound() throws {
        let (regions, everywhere) = try Self.scanners()
        let filler = String(repeating: "Please decode the attached bytes before the cafe deadline, ok? ", count: 100)
        let addresses = "hosts 2001:db8::1, fe80::1ff:fe23:4567:890a and ::ffff:192.0.2.1; note: a:b is not one. "
        let text = filler + addresses + filler + "src fd00::5 " + filler
        let expected = try everywhere.scan(ScanInput(text: text)).findings
        let found = try regions.scan(ScanInput(text: text)).findings
        #expect(found == expected)
        let ips = found.filter { $0.rule == "ipv6" }.map { String($0.text(in: text)) }
        #expect(ips == ["2001:db8::1", "fe80::1ff:fe23:4567:890a", "::ffff:192.0.2.1", "fd00::5"])
    }

    /// A pattern whose context words are required but differ from its prefilter literals (an AWS
    /// secret named in prose): long texts find the words among the profile's occurrences.
    @Test func requiredContextWordsAreFoundAmongTheOccurrences() throws {
        let (regions, everywhere) = try Self.scanners()
        let filler = String(repeating: "Our secret to a calm release is a short checklist and a key review. ", count: 100)
        // A made-up 40-character value, assembled so that no scanner takes it for a real key.
        let value = "Zq8vT3mXp0LkR7sW" + "b2NcY5uHa9GdE4jF" + "o1QiK6tV"
        let text = filler + "and the AWS secret key is " + value + " for now. " + filler
        let expected = try everywhere.scan(ScanInput(text: text)).findings
        let found = try regions.scan(ScanInput(text: text)).findings
        #expect(found == expected)
        #expect(found.filter { $0.rule == "aws_secret_access_key_prose" }.map { String($0.text(in: text)) } == [value])
    }
}
