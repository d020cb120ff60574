import ArgumentParser
import Foundation
import Parapet

/// `parapet bench`: time a policy on a corpus (per-text latency and bulk throughput).
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time a policy on the texts of a file: µs per text (p50, p99, mean) and MB/s.",
        discussion: "Use a release build (swift build -c release) for figures worth quoting."
    )

    @OptionGroup var policyOptions: PolicyOptions

    @Argument(help: "Input file (.jsonl with a text field, or one text per line).")
    var file: String

    @Option(name: .customLong("text-field"), help: "JSON field holding the text.")
    var textField: String = "text"

    @Option(name: .shortAndLong, help: "input or output.")
    var direction: Direction = .input

    @Option(name: .shortAndLong, help: "Threads for the throughput pass (latency is always one thread).")
    var threads: Int = 1

    @Option(name: .shortAndLong, help: "Passes over the corpus.")
    var iterations: Int = 5

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    func validate() throws {
        guard threads >= 1, iterations >= 1 else { throw ValidationError("--threads and --iterations must be at least 1") }
    }

    func run() async throws {
        let guardrail = try policyOptions.makeGuard()
        let texts = try loadTexts()
        guard !texts.isEmpty else { throw ValidationError("\(file) has no texts") }
        let result = PolicyBenchmark(guardrail: guardrail, direction: direction).run(texts: texts, iterations: iterations, threads: threads)
        if json {
            print(try JSONOutput.encode(result))
        } else {
            print(String(format: "%d texts, %d bytes (mean %.0f bytes/text), policy %@",
                         result.texts, result.bytes, Double(result.bytes) / Double(result.texts), guardrail.policy.name))
            print(String(format: "latency, 1 thread: p50 %.2f µs  p99 %.2f µs  mean %.2f µs", result.p50_us, result.p99_us, result.mean_us))
            print(String(format: "throughput, %d thread(s): %.1f MB/s, %.0f texts/s", result.threads, result.mb_per_s, result.texts_per_s))
            print(String(format: "1 thread: %.1f MB/s, %.0f texts/s", result.single_thread_mb_per_s, result.single_thread_texts_per_s))
        }
    }

    private func loadTexts() throws -> [String] {
        do {
            let reader = try LineReader(path: file)
            let parser = RecordParser(format: InputFormat.auto.resolved(for: file), textField: textField, file: file)
            var texts: [String] = []
            while let line = try reader.next() {
                if let record = try parser.parse(line) { texts.append(record.text) }
            }
            return texts
        } catch let error as InputError {
            Terminal.error(error.description)
            throw ExitStatus.error
        }
    }
}
