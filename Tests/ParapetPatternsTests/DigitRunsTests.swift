import Foundation
import ParapetCore
import ParapetTestSupport
import Testing

@testable import ParapetPatterns

/// `requires.starts: digit_run` runs a pattern on long texts only inside digit runs that hold
/// enough digits. `NameStartsTests` holds every start filter, this one included, to the same
/// patterns run everywhere on six data sets; these tests cover the runs themselves, the catalog
/// entries and the loader.
@Suite("DigitRuns")
struct DigitRunsTests {
    static func runs(_ text: String) -> [DigitRuns.Run] {
        var text = text
        return text.withUTF8 { DigitRuns($0).runs }
    }

    /// The definition: leftmost-longest matches of `[0-9]+([ ./-][0-9]+)*`.
    static func naive(_ text: String) -> [DigitRuns.Run] {
        let bytes = Array(text.utf8)
        let digit = { (b: UInt8) in b >= 48 && b <= 57 }
        let separator = { (b: UInt8) in b == 32 || b == 46 || b == 45 || b == 47 }
        var result: [DigitRuns.Run] = []
        var i = 0
        while i < bytes.count {
            guard digit(bytes[i]) else { i += 1; continue }
            var end = i
            while end < bytes.count, digit(bytes[end]) { end += 1 }
            while end + 1 < bytes.count, separator(bytes[end]), digit(bytes[end + 1]) {
                end += 1
                while end < bytes.count, digit(bytes[end]) { end += 1 }
            }
            let piece = bytes[i..<end]
            result.append(DigitRuns.Run(start: i, end: end, digits: piece.filter(digit).count, dots: piece.filter { $0 == 46 }.count))
            i = end
        }
        return result
    }

    @Test("Runs match the definition on random text (seed 51)")
    func runsMatchTheDefinition() {
        for text in SeededGenerator.texts(seed: 51, from: Array("0123456789 .-/a\n,é"), count: 500, maxLength: 80) {
            #expect(Self.runs(text) == Self.naive(text), "\(text)")
        }
    }

    @Test("Runs match the definition on text with sparse digits (seed 52)")
    func sparseDigitsMatchTheDefinition() {
        var rng = SeededGenerator(seed: 52)
        let letters = Array("abcdefghij XYZ,./-\n:;é")
        let digits = Array("0123456789")
        for _ in 0..<500 {
            let text = String((0..<Int.random(in: 0...200, using: &rng)).map { _ in
                Int.random(in: 0..<25, using: &rng) == 0 ? digits.randomElement(using: &rng)! : letters.randomElement(using: &rng)!
            })
            #expect(Self.runs(text) == Self.naive(text), "\(text)")
        }
    }

    @Test("Searches for many digits or dots jump over runs that are not notable, and miss none (seed 54)")
    func notableJumpsMissNothing() {
        for original in SeededGenerator.texts(seed: 54, from: Array("0123456789 .-/a+(Z\n"), count: 300, maxLength: 300) {
            var text = original
            let found = text.withUTF8 { bytes in
                let runs = DigitRuns(bytes)
                return [(7, 0), (9, 0), (12, 0), (4, 3), (1, 2), (2, 0)].map { digits, dots in
                    var starts: [Int] = []
                    var (offset, cursor) = (0, 0)
                    while let (index, run) = runs.first(endingAfter: offset, digits: digits, dots: dots, resumingAt: cursor) {
                        starts.append(run.start)
                        (offset, cursor) = (run.end, index + 1)
                    }
                    return starts
                }
            }
            let naive = [(7, 0), (9, 0), (12, 0), (4, 3), (1, 2), (2, 0)].map { digits, dots in
                Self.naive(text).filter { $0.digits >= digits && $0.dots >= dots }.map(\.start)
            }
            #expect(found == naive, "\(text)")
        }
    }

    @Test func examples() {
        #expect(Self.runs("card 4111 1111 1111 1111, ip 10.0.0.1.") == [
            DigitRuns.Run(start: 5, end: 24, digits: 16, dots: 0),
            DigitRuns.Run(start: 29, end: 37, digits: 5, dots: 3),
        ])
        #expect(Self.runs("1 - 2 ..3 9/11") == [
            DigitRuns.Run(start: 0, end: 1, digits: 1, dots: 0), DigitRuns.Run(start: 4, end: 5, digits: 1, dots: 0),
            DigitRuns.Run(start: 8, end: 14, digits: 4, dots: 0),
        ])
        #expect(Self.runs("").isEmpty && Self.runs("no digits").isEmpty)
    }

    @Test(arguments: ["credit_card", "us_ssn", "ipv4", "phone_grouped"])
    func digitPatternsUseTheFilter(name: String) throws {
        let pii = try PatternCatalog.builtIn("pii")
        #expect(pii.patterns.first { $0.name == name }?.requires.starts == .digitRun)
    }

    @Test("A long text finds the same digits with and without runs, joined runs included")
    func longTextAgrees() throws {
        let (filtered, reference) = try NameStartsTests.scanners()
        let filler = String(repeating: "In 2023 we sold 45 units at 3.50 each, up 12 % on 2022. ", count: 40)
        let text = filler + "Card 4111 1111 1111 1111 and 5500-0000-0000-0004, SSN 536-22-1847, call 030 1234 5678, host 192.168.10.20. "
            + filler + "Again 4111111111111111 then 10.0.0.1 and 10.0.0.2." + filler
        #expect(text.utf8.count > 4096)
        let expected = try reference.scan(ScanInput(text: text)).findings
        #expect(try filtered.scan(ScanInput(text: text)).findings == expected)
        let categories = Set(expected.map(\.category))
        #expect(categories.isSuperset(of: [.creditCard, .usSSN, .phone, .ipAddress]))
    }

    @Test func aDigitRunWithoutDigitsIsRefusedWithItsLocation() {
        let yaml = CatalogYAML.onePattern(name: "numbers", category: "pii.phone", regex: #"\d{3}-\d{4}"#, requires: "{starts: digit_run}")
        let error = CatalogYAML.error(loading: yaml)
        #expect(error?.code == "bad_value")
        #expect(error?.line == 8)
        #expect(CatalogYAML.error(loading: yaml.replacingOccurrences(of: "{starts: digit_run}", with: "{digits: 7, starts: digit_run}")) == nil)
    }
}
