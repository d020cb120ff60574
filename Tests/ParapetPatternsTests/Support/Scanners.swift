import ParapetCore
import ParapetPatterns

/// The default scanner (pii + secrets), built once for all tests.
enum Scanners {
    static let `default`: PatternScanner = {
        do {
            return try PatternScanner(catalogs: PatternCatalog.builtInNames.map { try PatternCatalog.builtIn($0) })
        } catch {
            fatalError("built-in catalogs must load: \(error)")
        }
    }()

    /// (scored type, matched text) pairs, sorted, for a text.
    static func found(_ text: String, scanner: PatternScanner = Scanners.default) throws -> [[String]] {
        try scanner.scan(ScanInput(text: text)).findings
            .map { [DevSet.scoredType($0.category), String($0.text(in: text))] }
            .sorted { $0.joined(separator: "\u{1}") < $1.joined(separator: "\u{1}") }
    }
}
