import Foundation
import ParapetCore
import ParapetPatterns
import Testing

/// Prints latency and throughput of the default catalogs (pii + secrets). Asserts nothing about
/// time; run it in release: `swift test -c release --filter PatternsSpeed`.
@Suite("PatternsSpeed", .serialized, .enabled(if: SpeedSwitch.enabled, "release build or PARAPET_SPEED set"))
struct PatternsSpeedTests {
    static func texts(_ path: String, field: String = "text") -> [String] {
        guard let directory = DevSet.dataDirectory(),
            let data = try? String(contentsOf: directory.appendingPathComponent(path), encoding: .utf8)
        else { return [] }
        return data.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?[field] as? String
        }
    }

    /// Joins texts with spaces into pieces of at least `bytes` bytes (the short rest is dropped).
    static func pieces(_ texts: [String], bytes: Int) -> [String] {
        DevSet.join(texts, into: bytes, separator: " ").filter { $0.utf8.count >= bytes }
    }

    static func nanos() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    static func measure(_ label: String, scanner: PatternScanner, texts: [String], rounds: Int) throws {
        guard !texts.isEmpty else { return }
        var latencies: [Double] = []
        latencies.reserveCapacity(texts.count * rounds)
        var findings = 0
        let bytes = texts.reduce(0) { $0 + $1.utf8.count }
        for text in texts { findings += try scanner.scan(ScanInput(text: text)).findings.count }  // warm-up
        let start = nanos()
        for _ in 0..<rounds {
            for text in texts {
                let t0 = nanos()
                _ = try scanner.scan(ScanInput(text: text))
                latencies.append(Double(nanos() - t0) / 1000)
            }
        }
        let seconds = Double(nanos() - start) / 1e9
        latencies.sort()
        let p50 = latencies[latencies.count / 2]
        let p99 = latencies[min(latencies.count - 1, latencies.count * 99 / 100)]
        let mbps = Double(bytes * rounds) / seconds / 1e6
        let meanBytes = bytes / texts.count
        print(
            String(
                format: "PatternsSpeed %@: %d texts × %d, mean %d B, p50 %.2f µs, p99 %.2f µs, %.1f MB/s, %d findings/pass",
                label, texts.count, rounds, meanBytes, p50, p99, mbps, findings))
    }

    @Test func latencyAndThroughput() throws {
        let scanner = try PatternScanner(catalogs: PatternCatalog.builtInNames.map { try PatternCatalog.builtIn($0) })
        print("PatternsSpeed: \(scanner.patterns.count) patterns")
        let empty = try PatternScanner(catalogs: [])
        try Self.measure("baseline, no patterns, ~300 B", scanner: empty, texts: Self.pieces(Self.texts("pii-dev/pii_dev.jsonl"), bytes: 300), rounds: 20)
        let pii = Self.texts("pii-dev/pii_dev.jsonl")
        let secrets = Self.texts("secrets-dev/secrets_dev.jsonl")
        let prose = Self.texts("mt-bench/train.jsonl", field: "text") + Self.texts("wildguard-benign/train.jsonl", field: "text")
        let rounds = 20
        try Self.measure("pii-dev as is", scanner: scanner, texts: pii, rounds: rounds)
        try Self.measure("secrets-dev as is", scanner: scanner, texts: secrets, rounds: rounds)
        try Self.measure("pii+secrets dev joined to ~300 B", scanner: scanner, texts: Self.pieces(pii + secrets, bytes: 300), rounds: rounds)
        try Self.measure("benign prose joined to ~300 B", scanner: scanner, texts: Self.pieces(prose, bytes: 300), rounds: 5)
        try Self.measure("bulk: dev texts joined to ~4 KB", scanner: scanner, texts: Self.pieces(pii + secrets, bytes: 4000), rounds: rounds)
        try Self.measure("bulk: benign prose joined to ~4 KB", scanner: scanner, texts: Self.pieces(prose, bytes: 4000), rounds: 5)
        if ProcessInfo.processInfo.environment["PARAPET_SPEED_PER_PATTERN"] != nil {
            try Self.perPattern(texts: Self.pieces(pii + secrets, bytes: 300) + Self.pieces(prose, bytes: 300))
        }
    }

    /// The cost of each pattern alone (prefilter included), most expensive first.
    static func perPattern(texts: [String]) throws {
        var costs: [(String, Double)] = []
        for catalog in try PatternCatalog.builtInNames.map({ try PatternCatalog.builtIn($0) }) {
            for pattern in catalog.patterns {
                let single = try PatternScanner(catalogs: [PatternCatalog(name: catalog.name, patterns: [pattern])])
                let start = nanos()
                for _ in 0..<3 { for text in texts { _ = try single.scan(ScanInput(text: text)) } }
                costs.append((pattern.name, Double(nanos() - start) / 1000 / Double(3 * texts.count)))
            }
        }
        for (name, micros) in costs.sorted(by: { $0.1 > $1.1 }) {
            print(String(format: "PatternsSpeed per pattern: %-32@ %.2f µs/text", name, micros))
        }
    }
}

/// The speed suite runs in release builds, or in debug when `PARAPET_SPEED` is set.
enum SpeedSwitch {
    static var enabled: Bool {
        #if DEBUG
            return ProcessInfo.processInfo.environment["PARAPET_SPEED"] != nil
        #else
            return true
        #endif
    }
}
