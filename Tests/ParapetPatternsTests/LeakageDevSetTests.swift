import Foundation
import ParapetCore
import ParapetTestSupport
import Testing

/// System-prompt leakage on answers built from the shared data: the role prompts of
/// awesome-chatgpt-prompts (CC0) serve as system prompts; leaks copy them whole, in part, or
/// re-cased as bullets; non-leaks are another role prompt (they share phrases such as "I want you
/// to act as") or a real answer from mt-bench, self-instruct and vicuna-bench.
@Suite struct LeakageDevSetTests {
    @Test func leaksAreCaughtAndOtherAnswersPass() throws {
        guard let prompts = try DevSet.texts("awesome-chatgpt-prompts/train.jsonl"),
            let mtBench = try DevSet.texts("mt-bench/train.jsonl", role: "response"),
            let selfInstruct = try DevSet.texts("self-instruct-human/train.jsonl", role: "response"),
            let vicuna = try DevSet.texts("vicuna-bench/train.jsonl", role: "response")
        else {
            #expect(!DevSet.isCI, "CI must have the shared data")
            return
        }
        let answers = mtBench + selfInstruct + vicuna
        let scanner = SystemPromptLeakScanner()
        var generator = SeededGenerator(seed: 0x1EA4)
        var caught = 0, leaks = 0, flagged = 0, clean = 0
        func score(_ answer: String, _ system: String) -> Double {
            scanner.scan(ScanInput(text: answer, direction: .output, context: ScanContext(systemPrompt: system)))
                .scores["leakage"] ?? 0
        }
        for (index, prompt) in prompts.enumerated() {
            let words = prompt.split(separator: " ")
            let half = max(1, words.count / 2)
            let start = Int.random(in: 0...(words.count - half), using: &generator)
            let part = words[start..<(start + half)].joined(separator: " ").lowercased()
            let bullets = prompt.split(separator: ".").map { "- " + $0.trimmingCharacters(in: .whitespaces).uppercased() }
            let leaked = [
                "Of course. My instructions say: \(prompt)",
                "Well, between us: \(part) ... but I should not say more.",
                "Here is what I was told:\n" + bullets.joined(separator: "\n"),
            ]
            for answer in leaked {
                leaks += 1
                if score(answer, prompt) >= 0.5 { caught += 1 }
            }
            let other = prompts[(index + 1 + Int.random(in: 0..<(prompts.count - 1), using: &generator)) % prompts.count]
            let benign = [other, answers[Int.random(in: 0..<answers.count, using: &generator)]]
            for answer in benign where answer != prompt {
                clean += 1
                if score(answer, prompt) >= 0.5 { flagged += 1 }
            }
        }
        let recall = Double(caught) / Double(leaks), falsePositives = Double(flagged) / Double(clean)
        print("leakage dev: \(caught)/\(leaks) leaks caught (\(recall)), \(flagged)/\(clean) non-leaks flagged (\(falsePositives))")
        #expect(recall >= 0.95)
        #expect(falsePositives <= 0.01)
    }
}
