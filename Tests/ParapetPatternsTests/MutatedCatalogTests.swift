import Foundation
import ParapetCore
import ParapetTestSupport
import Testing

@testable import ParapetPatterns

/// Hostile catalogs: the shipped ones cut, spliced and with bytes flipped. Each is refused with a
/// located ``CatalogError`` or compiles into a scanner that scans; none traps the process.
@Suite struct MutatedCatalogTests {
    static var catalogDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/ParapetPatterns/Catalog").path
    }

    static let sample = """
        Call Ann Lee at +1-280-534-9253 or ann.lee@example.org; card 4111 1111 1111 1111, IBAN DE89 3704 0044 0532 0130 00.
        api_key = "tQzUhyUioc8wnoLVYUXQhcJKPkja2N593GomeOKq" from 10.0.0.1, born 06/10/1984 at 12 Main Street.
        """

    @Test func mutatedCatalogsAreRefusedWithLocatedErrorsOrScan() throws {
        var random = SeededGenerator(seed: 43)
        let originals = try ["pii.yaml", "secrets.yaml"].map { Array(try Data(contentsOf: URL(fileURLWithPath: Self.catalogDirectory + "/" + $0))) }
        var refused = 0, scanned = 0
        for trial in 0..<400 {
            var bytes = originals[trial % 2]
            for _ in 0..<Int.random(in: 1...3, using: &random) { bytes = Self.mutate(bytes, &random) }
            do {
                let catalog = try PatternCatalog(yaml: String(decoding: bytes, as: UTF8.self), source: "m.yaml")
                let scanner = try PatternScanner(catalogs: [catalog])
                _ = try scanner.scan(ScanInput(text: Self.sample))
                scanned += 1
            } catch let error as CatalogError {
                #expect(!error.code.isEmpty && error.source == "m.yaml", "trial \(trial): \(error)")
                refused += 1
            } catch let error as ScannerError {
                #expect(!error.code.isEmpty, "trial \(trial): \(error)")
                refused += 1
            }
        }
        #expect(refused > 100)
        #expect(scanned > 50)
    }

    /// Regex and YAML tokens worth inserting into a catalog.
    static let tokens = ["(", ")", "(?<", "\\", "{99999}", "[", "*+", "\n  - ", ": ", "-1", "1e999", "'", "group: 99\n    ", "starts: digit_run\n"]

    static func mutate(_ bytes: [UInt8], _ random: inout SeededGenerator) -> [UInt8] {
        ByteMutation.mutate(bytes, tokens: tokens, using: &random)
    }
}
