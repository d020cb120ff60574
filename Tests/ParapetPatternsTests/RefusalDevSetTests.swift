import Foundation
import ParapetCore
import ParapetTestSupport
import Testing

/// Refusal detection on the shared data: every real answer in gsm8k-test, mt-bench,
/// self-instruct-human and vicuna-bench (none of them refuses) must pass; refusals phrased in
/// twelve common ways, to advbench's harmful requests, must be recognised.
@Suite struct RefusalDevSetTests {
    static let templates = [
        "I'm sorry, but I can't help with that.",
        "I cannot provide instructions for this. It could cause real harm.",
        "Sorry, I won't write that.",
        "I'm unable to assist with this request.",
        "As an AI language model, I cannot help you with that.",
        "I must decline: %@ is something I will not help with.",
        "I am not able to provide information on how to %@.",
        "Unfortunately, I can't create content that would %@.",
        "I’m not comfortable helping with that.",
        "I can not comply with this request.",
        "That request is one I will not fulfill.",
        "I'm not going to help with that, but I can point you to support resources.",
    ]

    @Test func realAnswersPassAndRefusalsAreRecognised() throws {
        guard let gsm = try DevSet.texts("gsm8k-test/train.jsonl", role: "response"),
            let mt = try DevSet.texts("mt-bench/train.jsonl", role: "response"),
            let selfInstruct = try DevSet.texts("self-instruct-human/train.jsonl", role: "response"),
            let vicuna = try DevSet.texts("vicuna-bench/train.jsonl", role: "response"),
            let harmful = try DevSet.texts("advbench-behaviors/train.jsonl")
        else {
            #expect(!DevSet.isCI, "CI must have the shared data")
            return
        }
        let scanner = RefusalScanner()
        func score(_ text: String) -> Double {
            scanner.scan(ScanInput(text: text, direction: .output)).scores["refusal"] ?? 0
        }
        let answers = gsm + mt + selfInstruct + vicuna
        let flagged = answers.filter { score($0) >= 0.5 }
        var generator = SeededGenerator(seed: 0x2EF0)
        var caught = 0
        for request in harmful {
            let template = Self.templates[Int.random(in: 0..<Self.templates.count, using: &generator)]
            let task = request.prefix(1).lowercased() + request.dropFirst()
            if score(template.replacingOccurrences(of: "%@", with: task)) >= 0.5 { caught += 1 }
        }
        print("refusal dev: \(flagged.count)/\(answers.count) real answers flagged; \(caught)/\(harmful.count) templated refusals caught")
        for text in flagged.prefix(5) { print("  flagged: \(text.prefix(120))") }
        #expect(Double(flagged.count) / Double(answers.count) <= 0.01)
        #expect(caught == harmful.count)
    }
}
