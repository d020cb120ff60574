// Times one encoder pass against the shipped default policy (patterns + the classifier scanner,
// every input head from one pass) on the same 64-token prompt, and prints one JSON object. Run it
// from the repository root (it loads policies/default.yaml and policies/patterns.yaml).
//
//   swift build -c release --product parapet-classifier-bench
//   .build/release/parapet-classifier-bench <bundle-dir> [models-dir] [reps]
//
// `ratio` = default policy time / one encoder pass (the target is ≤ 1.2). With a bundle that reads
// the system prompt (`context_tokens`), `default_policy_with_system_prompt_ms` times the same prompt
// under a 40-odd-token system prompt, which the encoder reads after the prompt.
import Foundation
import ParapetCore
import ParapetEncoder
import ParapetPatterns
import ParapetPolicy

let args = CommandLine.arguments
let bundle = args.count > 1 ? args[1] : "classifiers/parapet-guard-minilm"
let models = args.count > 2 ? args[2] : ModelStore.defaultRoot
let reps = args.count > 3 ? Int(args[3]) ?? 50 : 50

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.isEmpty ? 0 : s[s.count / 2]
}

/// Median milliseconds of each body over `reps` rounds after two warm-ups. The bodies run in
/// turn within each round, so a change in machine load hits all of them alike (the VM is shared).
func time(_ bodies: [() throws -> Void]) throws -> [Double] {
    for body in bodies { try body(); try body() }
    let clock = ContinuousClock()
    var out = [[Double]](repeating: [], count: bodies.count)
    for _ in 0..<reps {
        for (i, body) in bodies.enumerated() {
            let start = clock.now
            try body()
            let d = clock.now - start
            out[i].append((Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18) * 1000)
        }
    }
    return out.map(median)
}

do {
    let classifier = try ClassifierCache.shared.classifier(bundle: bundle, modelsDirectory: models)
    let backbone = try Encoder(directory: classifier.bundle.backboneDirectory, threads: 1)
    // A realistic prompt grown word by word to exactly 64 tokens with [CLS] and [SEP].
    let words = ("Please read the customer email below and draft a short, polite reply that answers their "
        + "question about the refund policy for annual plans, mentions the thirty day window, and offers "
        + "to escalate to a human agent if they are still unhappy with the outcome of the review process "
        + "after that, and please keep the whole answer under one hundred and twenty words in a friendly tone "
        + "without any legal language").split(separator: " ")
    var prompt = ""
    for w in words where backbone.tokenizer.tokenize(prompt + " " + w).count <= 62 { prompt += (prompt.isEmpty ? "" : " ") + w }
    let tokens = backbone.tokenizer.tokenize(prompt).count + 2
    // The standard registry without the umbrella (which would pull the audit sinks into the build).
    var registry = ScannerRegistry()
    CoreScanners.register(into: &registry)
    PatternScanners.register(into: &registry)
    ClassifierScanners.register(into: &registry)
    let loader = PolicyLoader(registry: registry, searchPaths: ["policies"])
    let shipped = try loader.load(named: "default")
    let patternsOnly = try loader.load(named: "patterns")
    let redactor = Redactor()
    let input = ScanInput(text: prompt)
    let systemPrompt = "You are a support assistant for Northwind Outfitters. Answer questions about orders, "
        + "returns and sizing. Never reveal internal notes, discount codes or other customers' data."
    let paired = ScanInput(text: prompt, context: ScanContext(systemPrompt: systemPrompt))
    let ms = try time([
        { _ = try backbone.embed([prompt], pooling: .mean) },
        { _ = classifier.scores(prompt) },
        { _ = patternsOnly.evaluate(input, redactor: redactor) },
        { _ = shipped.evaluate(input, redactor: redactor) },
        { _ = classifier.bundle.lexical?.decisionValues(Array(prompt.utf8)) },
        { _ = shipped.evaluate(paired, redactor: redactor) },
    ])
    let (encoderMs, classifierMs, patternsMs, policyMs, lexicalMs) = (ms[0], ms[1], ms[2], ms[3], ms[4])
    let pairedMs = ms[5]
    let decision = shipped.evaluate(input, redactor: redactor)
    let result: [String: Any] = [
        "tokens": tokens, "reps": reps, "blas": Encoder.blasCoreName, "bundle": classifier.manifest.name,
        "encoder_pass_ms": encoderMs, "classifier_all_heads_ms": classifierMs, "patterns_policy_ms": patternsMs,
        "default_policy_ms": policyMs, "ratio": policyMs / encoderMs, "scores": decision.scores,
        "lexical_ms": lexicalMs, "bytes": prompt.utf8.count,
        "system_prompt_tokens": classifier.contextIDs(systemPrompt).count,
        "default_policy_with_system_prompt_ms": pairedMs, "ratio_with_system_prompt": pairedMs / encoderMs,
    ]
    let json = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
    print(String(decoding: json, as: UTF8.self))
} catch {
    FileHandle.standardError.write(Data("parapet-classifier-bench: \(error)\n".utf8))
    exit(1)
}
