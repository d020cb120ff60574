import Foundation
import ParapetTestSupport
import Testing

@testable import ParapetPatterns

/// The validators' fast paths (bytes instead of Characters, packed names instead of strings, a
/// table instead of a logarithm per byte) against the definitions they replace.
@Suite struct ValidatorFastPathTests {
    /// Random date-like ASCII text: digits, separators, month names and other words.
    static func dateLike(_ random: inout SeededGenerator) -> String {
        let pieces = ["1", "12", "31", "06", "1984", "2003", "1850", "2100", "/", ".", "-", " ", ", ", "May", "may",
                      "DEC", "December", "Sept", "März", "mar", "foo", "th", "de", "\r\n", "\t", "x1"]
        return (0..<Int.random(in: 0...7, using: &random)).map { _ in pieces[Int.random(in: pieces.indices, using: &random)] }.joined()
    }

    @Test func birthDateASCIIPathMatchesTheCharacterPath() {
        var random = SeededGenerator(seed: 19)
        var valid = 0
        for _ in 0..<20_000 {
            let text = Self.dateLike(&random)
            guard text.utf8.allSatisfy({ $0 < 0x80 }) else { continue }
            let expected = DateShape.isPlausibleBirthDate(characters: text)
            #expect(DateShape.isPlausibleBirthDate(ascii: text.utf8) == expected, "\(text)")
            if expected { valid += 1 }
        }
        #expect(valid > 200)
    }

    @Test func firstNameLookupMatchesTheList() {
        var random = SeededGenerator(seed: 23)
        let names = FirstNames.all.sorted()
        #expect(names.count > 4_000)
        for index in stride(from: 0, to: names.count, by: 7) {
            let name = names[index]
            let cased = String(name.enumerated().map { $0.offset == 0 || Bool.random(using: &random) ? Character($0.element.uppercased()) : $0.element })
            #expect(FirstNames.startsWithFirstName("\(cased) Smith"), "\(cased)")
            #expect(FirstNames.startsWithFirstName(" -\(cased)-Lee"), "\(cased)")
            #expect(!FirstNames.startsWithFirstName("\(cased)x Smith") || FirstNames.all.contains(name + "x"))
        }
        for word in ["Zzyzx", "Thequickbrownfox", "O'Brien", "Ann1", "", " ", "Émile", "Jose\u{301}"] {
            let first = word.split(whereSeparator: { $0 == " " || $0 == "-" }).first.map { $0.lowercased() } ?? ""
            let folded = first.folding(options: .diacriticInsensitive, locale: nil)
            #expect(FirstNames.startsWithFirstName(word) == (FirstNames.all.contains(first) || (first.utf8.contains { $0 >= 0x80 } && FirstNames.all.contains(folded))), "\(word)")
        }
    }

    @Test func entropyMatchesTheDefinition() {
        var random = SeededGenerator(seed: 29)
        let alphabet = Array("aaab0123456789ABCDEFxyz+/=-_é".unicodeScalars)
        for trial in 0..<2_000 {
            let length = Int.random(in: 0...(trial % 50 == 0 ? 2_000 : 80), using: &random)
            let text = String(String.UnicodeScalarView((0..<length).map { _ in alphabet[Int.random(in: alphabet.indices, using: &random)] }))
            var counts = [Int](repeating: 0, count: 256)
            for byte in text.utf8 { counts[Int(byte)] += 1 }
            let total = Double(text.utf8.count)
            let expected = counts.filter { $0 > 0 }.reduce(0.0) { $0 - Double($1) / total * log2(Double($1) / total) }
            #expect(abs(Entropy.shannon(text) - expected) < 1e-9, "\(text)")
        }
    }
}

/// Every validator takes any text: long digit runs, long words, non-ASCII, empty.
@Suite struct ValidatorRobustnessTests {
    @Test(arguments: PatternValidator.knownNames.sorted())
    func anyTextIsJudgedWithoutATrap(name: String) throws {
        let validator = try #require(PatternValidator(name))
        var random = SeededGenerator(seed: 31)
        let pieces = ["9", "0", "1234567890", "/", ".", "-", ":", " ", "A", "z", "é", "€", "0x", "=", "_", "1990", "May", "\u{0}"]
        var texts = ["", String(repeating: "9", count: 400), String(repeating: "1234-", count: 200), String(repeating: "é", count: 300)]
        for _ in 0..<500 {
            texts.append((0..<Int.random(in: 1...60, using: &random)).map { _ in pieces[Int.random(in: pieces.indices, using: &random)] }.joined())
        }
        var verdicts: [ValidationVerdict] = []
        for text in texts { verdicts.append(validator.validate(Substring(text))) }
        // Judged, not trapped; and nothing vouches for an empty value.
        #expect(verdicts.count == texts.count)
        #expect(verdicts[0] != .valid)
    }
}
