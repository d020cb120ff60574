// Times one encoder pass against the default-style guarded policy (patterns + the classifier
// scanner with every input head) on the same 64-token prompt, and prints one JSON object.
//
//   swift build -c release --product parapet-classifier-bench
//   .build/release/parapet-classifier-bench <bundle-dir> [models-dir] [reps]
//
// `ratio` = policy time / one encoder pass (the target is ≤ 1.2).
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

/// Median milliseconds of `body` over `reps` runs after two warm-ups.
func time(_ body: () throws -> Void) rethrows -> Double {
    try body()
    try body()
    let clock = ContinuousClock()
    var out: [Double] = []
    for _ in 0..<reps {
        let start = clock.now
        try body()
        let d = clock.now - start
        out.append((Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18) * 1000)
    }
    return median(out)
}

do {
    let classifier = try ClassifierCache.shared.classifier(bundle: bundle, modelsDirectory: models)
    let backbone = try Encoder(directory: classifier.bundle.backboneDirectory, threads: 1)
    // A realistic prompt grown word by word to exactly 64 tokens with [CLS] and [SEP].
    let words = ("Please read the customer email below and draft a short, polite reply that answers their "
        + "question about the refund policy for annual plans, mentions the thirty day window, and offers "
        + "to escalate to a human agent if they are still unhappy with the outcome of the review process "
        + "after that").split(separator: " ")
    var prompt = ""
    for w in words where backbone.tokenizer.tokenize(prompt + " " + w).count <= 62 { prompt += (prompt.isEmpty ? "" : " ") + w }
    let tokens = backbone.tokenizer.tokenize(prompt).count + 2
    let rules = classifier.manifest.tasks.filter { $0.direction != .output }.flatMap(\.labels).map { label in
        "  - id: flag-\(label)\n    when: { score: \(label), threshold: default, direction: input }\n    then: { action: flag }"
    }.joined(separator: "\n")
    let yaml = """
        version: 1
        name: bench-guarded
        extends: default
        scanners:
          - id: classifier
            type: classifier
            directions: [input, output]
            params: { bundle: "\(bundle)", models_dir: "\(models)" }
        rules:
        \(rules)
        """
    // The standard registry without the umbrella (which would pull the audit sinks into the build).
    var registry = ScannerRegistry()
    CoreScanners.register(into: &registry)
    PatternScanners.register(into: &registry)
    ClassifierScanners.register(into: &registry)
    let loader = PolicyLoader(registry: registry, searchPaths: ["policies"])
    let guarded = try loader.load(yaml: yaml, source: "bench-guarded.yaml")
    let patternsOnly = try loader.load(named: "default")
    let redactor = Redactor()
    let input = ScanInput(text: prompt)
    let encoderMs = try time { _ = try backbone.embed([prompt], pooling: .mean) }
    let classifierMs = time { _ = classifier.scores(prompt) }
    let patternsMs = time { _ = patternsOnly.evaluate(input, redactor: redactor) }
    let policyMs = time { _ = guarded.evaluate(input, redactor: redactor) }
    let decision = guarded.evaluate(input, redactor: redactor)
    let result: [String: Any] = [
        "tokens": tokens, "reps": reps, "blas": Encoder.blasCoreName, "bundle": classifier.manifest.name,
        "encoder_pass_ms": encoderMs, "classifier_all_heads_ms": classifierMs, "default_policy_ms": patternsMs,
        "guarded_policy_ms": policyMs, "ratio": policyMs / encoderMs, "scores": decision.scores,
    ]
    let json = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
    print(String(decoding: json, as: UTF8.self))
} catch {
    FileHandle.standardError.write(Data("parapet-classifier-bench: \(error)\n".utf8))
    exit(1)
}
