import Foundation
import ParapetCore
import ParapetTestSupport
import Testing

@testable import ParapetPatterns

/// The ``MatchStarts`` kinds read off digit runs other than `digit_run` (`sign_before_digits`,
/// `capitals_before_digits`, `digits_before_capitals`, `digit_led_token`): on long texts each
/// pattern that uses one is tried at one place per qualifying run. They must find exactly what
/// the same patterns run everywhere find; `NameStartsTests` holds them to that on six data sets,
/// these tests on texts built to sit at the edges of each shape.
@Suite("DigitRunStarts")
struct DigitRunStartsTests {
    /// The starts `kind` gives in `text`, collected from the start of the text on.
    static func starts(_ kind: MatchStarts, in text: String, minRun: Int = 26) -> [Int] {
        var text = text
        return text.withUTF8 { bytes in
            let runs = DigitRuns(bytes)
            var found: [Int] = []
            var offset = 0, cursor = 0
            while let (index, start) = runs.nextStart(kind, in: bytes, minRun: minRun, from: offset, resumingAt: cursor) {
                found.append(start)
                (offset, cursor) = (start + 1, index)
            }
            return found
        }
    }

    @Test(arguments: [
        (MatchStarts.signBeforeDigits, "call +44 20 7946 0958 or (030) 1234, not 5+6 = x+ 7 or (10 + 5) or (123456) or 1.+2", [5, 25]),
        (.capitalsBeforeDigits, "IBAN DE89 3704 0044, GB8 WEST, xDE89, AB12C and de89", [5, 32, 38]),
        (.digitsBeforeCapitals, "221B Baker St, 12th Ave, 5\n\tMain Rd, 3 apples, 7 Élysée Parc, 10-12 O'Hara Way, 4 Oak lane, 5 Main", [0, 25, 47, 67]),
        (.digitLedToken, "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa x3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy 5 3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", [0, 73]),
    ])
    func startsFollowTheirShape(kind: MatchStarts, text: String, expected: [Int]) {
        #expect(Self.starts(kind, in: text) == expected, "\(kind)")
    }

    @Test("The shapes found with the runs hold exactly where a run gives a start (seed 62)")
    func shapesAgreeWithStarts() {
        for text in SeededGenerator.texts(seed: 62, from: Array("0123456789 .-/+(aZQ\n\té,x"), count: 2_000, maxLength: 60) {
            var utf8 = text
            utf8.withUTF8 { bytes in
                let runs = DigitRuns(bytes)
                for (index, run) in runs.runs.enumerated() {
                    for kind in [MatchStarts.signBeforeDigits, .capitalsBeforeDigits, .digitsBeforeCapitals] {
                        let starts = DigitRuns.start(kind, of: run, in: bytes, minRun: 0, from: 0) != nil
                        #expect(runs.shapes[index].contains(DigitRuns.Shapes(kind)) == starts, "\(kind) in \(text)")
                    }
                    for minRun in [1, 2, 3, 5, 8] {
                        let starts = DigitRuns.start(.digitLedToken, of: run, in: bytes, minRun: minRun, from: 0) != nil
                        #expect((Int(runs.tokenLengths[index]) >= minRun) == starts, "token \(minRun) in \(text)")
                    }
                }
            }
        }
    }

    @Test(arguments: [
        ("phone_international", MatchStarts.signBeforeDigits), ("iban", .capitalsBeforeDigits),
        ("us_uk_street_address", .digitsBeforeCapitals), ("bitcoin_address", .digitLedToken),
    ])
    func catalogPatternsUseTheirStarts(name: String, kind: MatchStarts) throws {
        let pii = try PatternCatalog.builtIn("pii")
        #expect(pii.patterns.first { $0.name == name }?.requires.starts == kind)
    }

    /// Pieces of each shape and of near misses, joined at random into texts over 4 KiB.
    static let pieces = [
        "+44 20 7946 0958", "+1 (555) 123-4567", "(030) 1234 5678", "+33 (0)1 23 45 67 89", "(10 + 5)", "(12)345", "(1) 555", "<<2+3=5>>", "x(030) 1234 5678", ":+49 30 1234567", "TEL;TYPE=cell:+48 22 401 21 36", "Telefon:(06277) 724667", "9:+1 555 123 4567", "é:+1 555 123 4567", "5+6", "x+1 555 123 4567",
        "DE89 3704 0044 0532 0130 00", "GB82 WEST 1234 5698 7654 32", "FR14 2004 1010 0505 0001 3M02 606", "xDE89 3704 0044 0532 0130 00",
        "DE8 9370", "de89 3704 0044 0532 0130 00", "NL91ABNA0417164300",
        "221B Baker Street, London NW1 6XE", "1600 Pennsylvania Avenue, Washington, DC 20500",
        "12 Oak Lane\nSpringfield, IL 62704", "10-12 High Street, Oxford OX1 4AA", "742  Evergreen Terrace, Springfield, OR 97403",
        "5\nThe", "3 Élysée Road, Paris, FR 75008", "a12 Main Street, Boston, MA 02101",
        "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", "x3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",
        "5 3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", "12c6DSiU4Rq3P4ZxziKxzrPhkfTnXPyMsQt", "11111111111111111111111111",
        "In 2023 we sold 45 units at 3.50 each.", "Paid $20\nThen", "call me", " ", "\n", ", ", "(", "+",
    ]

    @Test("Long texts of shapes and near misses give the same findings as the patterns run everywhere (seed 61)")
    func randomLongTextsAgree() throws {
        let texts = LongTexts.joined(Self.pieces, seed: 61, count: 40, separators: [" ", "\n", ", ", "", " x "])
        let found = Set(try LongTexts.expectSameFindings(texts).map(\.category))
        #expect(found.isSuperset(of: [.phone, .iban, .location, .crypto]))
    }

    @Test("Short texts of shapes and near misses give the same findings as the patterns run everywhere (seed 63)")
    func randomShortTextsAgree() throws {
        // Short texts also search `digit_run` patterns (card, SSN, grouped phone, IPv4) only in their runs.
        let digitRunPieces = [
            "4111 1111 1111 1111", "4111-1111-1111-1111", "4111111111111111", "4111 1111-1111 1111", "078-05-1120",
            "123-45-678", "219 09 9999", "192.168.1.20", "10.0.0.256", "1.2.3", "415 555 2671", "020 7946 0958",
            "2021-03-04", "12.03.1984",
        ]
        let texts = LongTexts.joined(
            Self.pieces + digitRunPieces, seed: 63, count: 400, separators: [" ", "\n", ", ", "", " x "], minBytes: 200)
        #expect(texts.allSatisfy { $0.utf8.count <= 4096 })
        let found = Set(try LongTexts.expectSameFindings(texts).map(\.category))
        #expect(found.isSuperset(of: [.phone, .iban, .location, .crypto, .creditCard, .usSSN, .ipAddress]))
    }

    @Test func aDigitLedTokenWithoutLengthIsRefusedWithItsLocation() {
        let yaml = CatalogYAML.onePattern(
            name: "coin", category: "pii.crypto", regex: #"\b[13][A-Za-z0-9]{25,34}\b"#, requires: "{starts: digit_led_token}")
        let error = CatalogYAML.error(loading: yaml)
        #expect(error?.code == "bad_value")
        #expect(error?.line == 8)
        #expect(CatalogYAML.error(loading: yaml.replacingOccurrences(of: "{starts:", with: "{min_run: 26, starts:")) == nil)
    }
}
