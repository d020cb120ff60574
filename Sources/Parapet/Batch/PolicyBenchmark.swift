import Dispatch
public import ParapetCore

/// Times a guard on a corpus: per-text latency on one thread and bulk throughput.
public struct PolicyBenchmark: Sendable {
    /// The figures of one run (snake_case keys, as printed by `parapet bench --json`).
    public struct Result: Sendable, Codable {
        public var texts: Int
        public var bytes: Int
        public var threads: Int
        public var iterations: Int
        public var p50_us: Double
        public var p99_us: Double
        public var mean_us: Double
        public var single_thread_mb_per_s: Double
        public var single_thread_texts_per_s: Double
        public var mb_per_s: Double
        public var texts_per_s: Double
    }

    /// The guard under test.
    public let guardrail: Guard
    /// The direction texts are checked in.
    public let direction: Direction

    /// Creates a benchmark.
    public init(guardrail: Guard, direction: Direction) {
        self.guardrail = guardrail
        self.direction = direction
    }

    /// Runs one warm-up pass, then `iterations` timed passes on one thread (latency), then
    /// `iterations` passes spread over `threads` threads (throughput).
    public func run(texts: [String], iterations: Int, threads: Int) -> Result {
        let inputs = texts.map { ScanInput(text: $0, direction: direction, conversationID: "bench") }
        let bytes = texts.reduce(0) { $0 + $1.utf8.count }
        for input in inputs { _ = guardrail.check(input) }

        let clock = ContinuousClock()
        var samples: [Double] = []
        samples.reserveCapacity(inputs.count * iterations)
        let singleStart = clock.now
        for _ in 0..<iterations {
            for input in inputs {
                let start = clock.now
                _ = guardrail.check(input)
                samples.append((clock.now - start).microseconds)
            }
        }
        let singleSeconds = (clock.now - singleStart).microseconds / 1e6
        samples.sort()

        let parallelStart = clock.now
        DispatchQueue.concurrentPerform(iterations: threads) { worker in
            for _ in 0..<iterations {
                var index = worker
                while index < inputs.count {
                    _ = guardrail.check(inputs[index])
                    index += threads
                }
            }
        }
        let parallelSeconds = (clock.now - parallelStart).microseconds / 1e6
        let totalTexts = Double(inputs.count * iterations)
        let totalMB = Double(bytes * iterations) / 1_000_000
        return Result(
            texts: inputs.count, bytes: bytes, threads: threads, iterations: iterations,
            p50_us: Self.percentile(samples, 0.50), p99_us: Self.percentile(samples, 0.99),
            mean_us: samples.reduce(0, +) / Double(max(1, samples.count)),
            single_thread_mb_per_s: totalMB / singleSeconds, single_thread_texts_per_s: totalTexts / singleSeconds,
            mb_per_s: totalMB / parallelSeconds, texts_per_s: totalTexts / parallelSeconds
        )
    }

    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
    }
}
