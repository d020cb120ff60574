import Foundation
import ParapetCore
import ParapetPatterns
import Testing

/// Runs the default catalogs over the shared PII and secrets dev sets, prints per-type tables,
/// and holds the measured quality as floors. Fails (not skips) without the data when CI is set.
@Suite("PatternsDevSet", .serialized)
struct PatternsDevSetTests {
    static let piiTypes: Set<String> = [
        "EMAIL", "PHONE", "CREDIT_CARD", "IBAN", "US_SSN", "IP_ADDRESS", "URL", "PERSON", "LOCATION",
        "DATE_OF_BIRTH", "US_PASSPORT", "US_DRIVER_LICENSE", "CRYPTO",
    ]
    static let secretTypes: Set<String> = [
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "GITHUB_TOKEN", "SLACK_TOKEN", "STRIPE_KEY", "GOOGLE_API_KEY",
        "OPENAI_API_KEY", "ANTHROPIC_API_KEY", "JWT", "PRIVATE_KEY", "PASSWORD_IN_URL", "GENERIC_SECRET",
    ]

    /// Exact-span F1 floors per PII type (measured value minus a small margin).
    static let piiFloors: [String: Double] = [
        "EMAIL": 0.97, "PHONE": 0.97, "CREDIT_CARD": 0.97, "IBAN": 0.97, "US_SSN": 0.95, "IP_ADDRESS": 0.97,
        "URL": 0.97, "DATE_OF_BIRTH": 0.95, "US_PASSPORT": 0.95, "US_DRIVER_LICENSE": 0.95, "CRYPTO": 0.97,
        "PERSON": 0.95, "LOCATION": 0.95,
    ]
    /// Typed micro-F1 floor on the secrets dev set.
    static let secretsMicroFloor = 0.95

    static func score(_ path: String, types: Set<String>) throws -> SpanScore? {
        guard let records = try DevSet.load(path) else {
            if DevSet.isCI { Issue.record("dev set \(path) not found (set PARAPET_SHARED_DATA)") }
            return nil
        }
        return try score(records, name: path, types: types)
    }

    static func score(_ records: [DevRecord], name path: String, types: Set<String>, minScore: Double = 0) throws -> SpanScore {
        let scanner = try PatternScanner(
            catalogs: PatternCatalog.builtInNames.map { try PatternCatalog.builtIn($0) }, minScore: minScore)
        var score = SpanScore()
        var predictions: [String] = []
        for record in records {
            let findings = try scanner.scan(ScanInput(text: record.text)).findings
            let predicted = findings.map { (range: $0.range, type: DevSet.scoredType($0.category)) }
            let gold = record.spans.map { (range: $0.startByte..<$0.endByte, type: $0.type) }
            score.add(gold: gold, predicted: predicted, types: types)
            let items = findings.map {
                "{\"category\":\"\($0.category.rawValue)\",\"start_byte\":\($0.range.lowerBound),\"end_byte\":\($0.range.upperBound),\"score\":\($0.score),\"rule\":\"\($0.rule)\"}"
            }
            predictions.append("{\"id\":\"\(record.id)\",\"findings\":[\(items.joined(separator: ","))]}")
        }
        if let directory = ProcessInfo.processInfo.environment["PARAPET_PREDICTIONS_DIR"] {
            let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent + ".predictions.jsonl"
            try (predictions.joined(separator: "\n") + "\n").write(
                toFile: URL(fileURLWithPath: directory).appendingPathComponent(name).path, atomically: true, encoding: .utf8)
        }
        return score
    }

    @Test func piiDevSet() throws {
        guard let score = try Self.score("pii-dev/pii_dev.jsonl", types: Self.piiTypes) else { return }
        print("pii-dev (exact and overlap span match)\n" + score.table())
        for (type, floor) in Self.piiFloors {
            let f1 = score.exact[type]?.f1 ?? 0
            #expect(f1 >= floor, "\(type) exact F1 \(f1) < \(floor)")
        }
    }

    @Test func secretsDevSet() throws {
        guard let score = try Self.score("secrets-dev/secrets_dev.jsonl", types: Self.secretTypes) else { return }
        print("secrets-dev (exact and overlap span match)\n" + score.table())
        let micro = SpanScore.micro(score.exact).f1
        #expect(micro >= Self.secretsMicroFloor, "secrets typed micro-F1 \(micro) < \(Self.secretsMicroFloor)")
    }

    /// Exact-span F1 floors on the repository's probe of other templates (`Benchmarks/probe`,
    /// docs/patterns.md): the issue's 0.95 for every type but PERSON and LOCATION, whose floors
    /// only hold today's cue-based figures (0.887 and 0.528). Scanned as the shipped pattern
    /// policy scans (`min_score: 0.5`), which is what `parapet scan` reports.
    static let piiProbeFloors: [String: Double] = [
        "EMAIL": 0.95, "PHONE": 0.95, "CREDIT_CARD": 0.95, "IBAN": 0.95, "US_SSN": 0.95, "IP_ADDRESS": 0.95,
        "URL": 0.95, "DATE_OF_BIRTH": 0.95, "US_PASSPORT": 0.95, "US_DRIVER_LICENSE": 0.95, "CRYPTO": 0.95,
        "PERSON": 0.85, "LOCATION": 0.5,
    ]

    @Test func piiProbeSet() throws {
        let records = try #require(try DevSet.loadProbe("pii_probe.jsonl"))
        let score = try Self.score(records, name: "pii_probe.jsonl", types: Self.piiTypes, minScore: 0.5)
        print("pii probe (exact and overlap span match)\n" + score.table())
        for (type, floor) in Self.piiProbeFloors {
            let f1 = score.exact[type]?.f1 ?? 0
            #expect(f1 >= floor, "\(type) exact F1 \(f1) < \(floor)")
        }
    }

    @Test func secretsProbeSet() throws {
        let records = try #require(try DevSet.loadProbe("secrets_probe.jsonl"))
        let score = try Self.score(records, name: "secrets_probe.jsonl", types: Self.secretTypes, minScore: 0.5)
        print("secrets probe (exact and overlap span match)\n" + score.table())
        let micro = SpanScore.micro(score.exact).f1
        #expect(micro >= 0.98, "secrets typed micro-F1 \(micro) < 0.98")
    }
}
