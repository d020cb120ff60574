import Foundation
import ParapetCore
import Testing

@testable import ParapetPatterns

/// `requires.starts: first_name_or_context` (person names) runs the regex only at capitalised
/// words that are a listed first name or follow a context word; `digit_run` (card, SSN, phone,
/// IPv4 numbers) only inside digit runs with enough digits on long texts, and the other start kinds
/// and `lookback_bytes` narrow long-text searches likewise. Each must find exactly what the same
/// pattern run at every position finds: the data set test turns them all off.
@Suite("NameStarts")
struct NameStartsTests {
    /// The built-in catalogs, and the same with every start filter turned off.
    static func scanners() throws -> (filtered: PatternScanner, everywhere: PatternScanner) {
        let catalogs = try PatternCatalog.builtInNames.map { try PatternCatalog.builtIn($0) }
        let unfiltered = catalogs.map { catalog in
            PatternCatalog(name: catalog.name, patterns: catalog.patterns.map { pattern in
                var pattern = pattern
                pattern.requires.starts = .anywhere
                pattern.requires.lookbackBytes = nil
                pattern.requires.pairWithin = nil
                return pattern
            })
        }
        return (try PatternScanner(catalogs: catalogs), try PatternScanner(catalogs: unfiltered))
    }

    @Test func thePersonPatternUsesTheFilter() throws {
        let pii = try PatternCatalog.builtIn("pii")
        #expect(pii.patterns.first { $0.name == "person_name" }?.requires.starts == .firstNameOrContext)
    }

    @Test(arguments: [
        "pii-dev/pii_dev.jsonl", "secrets-dev/secrets_dev.jsonl", "gsm8k-test/train.jsonl", "mt-bench/train.jsonl",
        "wildguard-benign/train.jsonl", "hatecheck/train.jsonl",
    ])
    func dataSetsGiveTheSameFindings(path: String) throws {
        guard let texts = try DevSet.texts(path) else {
            if DevSet.isCI { Issue.record("data set \(path) not found (set PARAPET_SHARED_DATA)") }
            return
        }
        let (filtered, everywhere) = try Self.scanners()
        var people = 0
        // Short texts as they are, and joined into long ones (the region search path).
        for text in texts.prefix(1_500) + DevSet.join(Array(texts.prefix(600)), into: 6_000, separator: "\n") {
            let expected = try everywhere.scan(ScanInput(text: text)).findings
            #expect(try filtered.scan(ScanInput(text: text)).findings == expected, "\(path): \(text.prefix(80))")
            people += expected.filter { $0.category == .person }.count
        }
        if path.hasPrefix("pii-dev") { #expect(people > 100) }
    }

    @Test(arguments: [
        ("Call Ann Lee tomorrow", ["Ann Lee"]),
        ("Dear Émile Zola, thanks", ["Émile Zola"]),
        ("My name is Jürgen Müller-Lüdenscheidt.", ["Jürgen Müller-Lüdenscheidt"]),
        ("Anne-Marie Dupont signed", ["Anne-Marie Dupont"]),
        ("John F. Kennedy spoke", ["John F. Kennedy"]),
        ("Dear Ludwig van Beethoven, hello", ["Ludwig van Beethoven"]),
        ("John has 3 apples and Mary Ann Smith has 4.", ["Mary Ann Smith"]),
        ("The Quick Brown fox", []),
        ("xJohn Smith", []),
        ("I'm Priya Natarajan", ["Priya Natarajan"]),
        ("Janet told Mary Ann Smith, Julia decided.", ["Mary Ann Smith"]),
        ("Maria de la Cruz called Anna van Dijk", ["Maria de la Cruz", "Anna van Dijk"]),
    ])
    func examplesAgree(text: String, expected: [String]) throws {
        let (filtered, everywhere) = try Self.scanners()
        let names = try filtered.scan(ScanInput(text: text)).findings.filter { $0.category == .person }
        #expect(names.map { String($0.text(in: text)) } == expected)
        #expect(try filtered.scan(ScanInput(text: text)).findings == everywhere.scan(ScanInput(text: text)).findings)
    }

    /// Possessives (`Juan's`, `Mary’s`, `James'`), apostrophised names, and symbols at word starts
    /// (`≈`, `×`, `→`), short and repeated into a long text.
    @Test(arguments: [
        "Juan’s doctor met Mary’s friend Ann Lee.", "Dear Juan's Brother, and James' Dog Rex", "Mr. O'Brien Smith called",
        "x_new ≈ 2.876 and Émile Zola; 9 × $3 → Ann Lee ÷ Bob Stone", "Call Ann’s Office now", "I'm Priya’s Sister Ann",
        "≈Ann Lee ✓ Bob Stone ℝ Carl Young Ⅻ Dan Wu",
    ])
    func apostrophesAndSymbolsAgree(text: String) throws {
        let (filtered, everywhere) = try Self.scanners()
        for text in [text, String(repeating: text + " In 2023 we sold 45 units.\n", count: 120)] {
            #expect(try filtered.scan(ScanInput(text: text)).findings == everywhere.scan(ScanInput(text: text)).findings)
        }
    }

    @Test func noListedFirstNameHoldsAnApostrophe() {
        #expect(!FirstNames.hasApostrophes)
    }

    /// Every character the name starts skip as a symbol is no capital (`\p{Lu}`; checked for all
    /// of U+0080–U+2FFF), and the skipped blocks are the ones named.
    @Test func symbolsAreNoLetters() {
        var skipped = 0
        for value in UInt32(0x80)...0x2FFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            var utf8 = Array(String(scalar).utf8)
            let isSymbol = utf8.withUnsafeBufferPointer { NameStarts.isSymbol(at: 0, in: $0) }
            utf8.removeAll()
            guard isSymbol else { continue }
            skipped += 1
            #expect(scalar.properties.generalCategory != .uppercaseLetter && !scalar.properties.isUppercase, "U+\(String(value, radix: 16))")
        }
        #expect(skipped == 2 + (0x20C0 - 0x2000) + (0x2400 - 0x2190) + (0x27C0 - 0x2500))
    }

    @Test func anUnsoundStartFilterIsRefusedWithItsLocation() {
        let yaml = CatalogYAML.onePattern(
            name: "word_pair", category: "pii.person", regex: #"\b[A-Z][a-z]+ [A-Z][a-z]+\b"#,
            requires: "{starts: first_name_or_context}")
        let error = CatalogYAML.error(loading: yaml)
        #expect(error?.code == "unsound_prefilter")
        #expect(error?.line == 8)
        #expect(CatalogYAML.error(loading: yaml.replacingOccurrences(of: "first_name_or_context", with: "capitals")) != nil)
    }

}
