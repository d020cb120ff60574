// Sustained durable throughput of each audit store: many concurrent producers call
// `AuditWriter.record`, which returns only after the event's batch is committed (fsynced).
// Prints events/s per store and, for SQLite, the ratio to one transaction per event.
//
// Usage: parapet-audit-bench [--events N] [--producers N] [--postgres URL] [--dir DIR]
import Foundation
import ParapetAudit
import ParapetCore

struct Options {
    var events = 200_000
    var producers = 256
    var postgres: String? = ProcessInfo.processInfo.environment["PARAPET_TEST_POSTGRES_URL"]
    var directory = NSTemporaryDirectory()

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--events": events = iterator.next().flatMap(Int.init) ?? events
            case "--producers": producers = iterator.next().flatMap(Int.init) ?? producers
            case "--postgres": postgres = iterator.next()
            case "--dir": directory = iterator.next() ?? directory
            default: FileHandle.standardError.write(Data("unknown argument \(argument)\n".utf8)); exit(64)
            }
        }
    }
}

/// A realistic event: a rewrite with two findings, a rule, scores and a hashed text.
func sampleEvent(_ index: Int) -> DecisionEvent {
    let now = AuditClock.nowMicros()
    return DecisionEvent(
        id: EventID.make(timeMicros: now), timeMicros: now, requestID: "req-\(index)", conversationID: "conv-\(index % 97)",
        route: "/v1/chat/completions", model: "gpt-4o-mini", direction: .input, policy: "default",
        policyDigest: String(repeating: "ab", count: 32), action: .rewrite,
        findings: [
            AuditFinding(category: "pii.email", scanner: "patterns.pii", rule: "email", score: 0.9, start: 12, end: 32),
            AuditFinding(category: "pii.phone", scanner: "patterns.pii", rule: "phone_e164", score: 0.75, start: 40, end: 52),
        ],
        rules: [AuditRule(rule: "pseudonymize-pii", action: .rewrite, findings: [0, 1])],
        scores: ["injection": 0.0123],
        text: TextPrivacy.hash.record(for: "hello <EMAIL_1>, call <PHONE_1> \(index)"), latencyMicros: 850)
}

struct Result {
    var name: String
    var events: Int
    var seconds: Double
    var batches: Int
    /// Size of the SQLite write-ahead log when the last event was committed (0 for other stores).
    var logBytes: Int
    var rate: Double { Double(events) / seconds }
}

func run(_ name: String, url: String, events: Int, producers: Int, maxBatch: Int = 2_048) async throws -> Result {
    let writer = try await AuditSinks.open(url: url, maxBatch: maxBatch)
    let clock = ContinuousClock()
    let start = clock.now
    try await withThrowingTaskGroup(of: Void.self) { group in
        for producer in 0..<producers {
            group.addTask {
                var index = producer
                while index < events {
                    try await writer.record(sampleEvent(index))
                    index += producers
                }
            }
        }
        try await group.waitForAll()
    }
    let elapsed = clock.now - start
    let batches = await writer.batchesCommitted
    let logPath = url.hasPrefix("sqlite:") ? String(url.dropFirst("sqlite:".count)) + "-wal" : ""
    let logBytes = (try? FileManager.default.attributesOfItem(atPath: logPath)[.size] as? Int) ?? 0
    try await writer.close()
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    return Result(name: name, events: events, seconds: seconds, batches: batches, logBytes: logBytes)
}

let options = Options(CommandLine.arguments)
do {
    try FileManager.default.createDirectory(atPath: options.directory, withIntermediateDirectories: true)
} catch {
    FileHandle.standardError.write(Data("parapet-audit-bench: cannot create \(options.directory): \(error)\n".utf8))
    exit(1)
}
let stamp = UUID().uuidString.prefix(8)
let base = options.directory + "/parapet-audit-bench-\(stamp)"
print("parapet-audit-bench: \(options.events) events, \(options.producers) concurrent producers, \(ProcessInfo.processInfo.activeProcessorCount) cores")
var results: [Result] = []
results.append(try await run("sqlite (group commit)", url: "sqlite:\(base).sqlite", events: options.events, producers: options.producers))
let naiveEvents = max(1_000, options.events / 20)
results.append(try await run("sqlite (1 txn/event)", url: "sqlite:\(base)-naive.sqlite", events: naiveEvents, producers: options.producers, maxBatch: 1))
results.append(try await run("jsonl (group commit)", url: "jsonl:\(base).jsonl", events: options.events, producers: options.producers))
if let postgres = options.postgres {
    results.append(try await run("postgres (group commit)", url: postgres, events: options.events, producers: options.producers))
}
print("store                      events    seconds   events/s  avg batch  WAL MB at end")
for result in results {
    let line = result.name.padding(toLength: 24, withPad: " ", startingAt: 0)
        + String(format: " %8d %10.2f %10.0f %10.1f", result.events, result.seconds, result.rate, Double(result.events) / Double(max(1, result.batches)))
        + (result.logBytes > 0 ? String(format: " %14.1f", Double(result.logBytes) / 1_048_576) : "")
    print(line)
}
if results.count >= 2 {
    print(String(format: "sqlite group commit vs one transaction per event: %.1fx", results[0].rate / results[1].rate))
}
for suffix in [".sqlite", ".sqlite-wal", ".sqlite-shm", "-naive.sqlite", "-naive.sqlite-wal", "-naive.sqlite-shm", ".jsonl"] {
    try? FileManager.default.removeItem(atPath: base + suffix)
}
