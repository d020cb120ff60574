import ParapetCore
import ParapetTestSupport
import Testing

@testable import ParapetPatterns

/// Texts over 4 KiB (the scanner's region-search path) joined at random from pieces, and the
/// check that the long-text filters find what the same patterns run everywhere find.
enum LongTexts {
    /// `count` texts of at least `minBytes` bytes (5,000 by default, over the region-search
    /// threshold): pieces and separators drawn at random, seeded.
    static func joined(
        _ pieces: [String], seed: UInt64, count: Int, separators: [String] = [" ", "", "\n", ","], minBytes: Int = 5_000
    ) -> [String] {
        var random = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            var text = ""
            while text.utf8.count < minBytes {
                text += pieces[Int.random(in: pieces.indices, using: &random)]
                text += separators[Int.random(in: separators.indices, using: &random)]
            }
            return text
        }
    }

    /// Scans each text with the scanner as shipped and with every start filter off
    /// (``NameStartsTests/scanners()``), expects the same findings, and returns the unfiltered ones.
    static func expectSameFindings(_ texts: [String]) throws -> [Finding] {
        let (filtered, everywhere) = try NameStartsTests.scanners()
        var all: [Finding] = []
        for text in texts {
            let expected = try everywhere.scan(ScanInput(text: text)).findings
            #expect(try filtered.scan(ScanInput(text: text)).findings == expected, "\(text.prefix(80))")
            all += expected
        }
        return all
    }
}
