import Foundation
import Testing

/// `parapet eval` at the binary level: how it reads its input files.
@Suite(.serialized) struct EvalCommandTests {
    @Test func everyBadRowOfEveryFileIsReportedBeforeAnythingIsScored() throws {
        let first = try CLIRunner.temporaryFile(Data("""
            {"text": "hello", "label": 0}
            {"text": "bad label", "label": 2}
            {"text": "twice", "label": 0, "label": 1}

            """.utf8), suffix: ".jsonl")
        let second = try CLIRunner.temporaryFile(Data(#"{"label": 1}"#.utf8 + [0x0A]), suffix: ".jsonl")
        let run = try CLIRunner.run(["eval", first, second, "--task", "injection", "--policy", "patterns"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("\(first):2: error[bad_field]"))
        #expect(run.stderr.contains("\(first):3: error[invalid_json]"))
        #expect(run.stderr.contains("\(second):1: error[missing_field]"))
        #expect(run.stdout.isEmpty)  // nothing scored, no half report
    }

    static let fixtureBundle = CLIRunner.root + "/Tests/ParapetEncoderTests/Fixtures/lora-bundle"
    static let models = ProcessInfo.processInfo.environment["PARAPET_MODELS_DIR"] ?? CLIRunner.root + "/models-cache"
    static var modelAvailable: Bool { FileManager.default.fileExists(atPath: models + "/all-MiniLM-L6-v2/model.safetensors") }

    /// A policy over the seeded fixture bundle (labels injection, toxicity, toxicity.hate,
    /// toxicity.insult, unsafe, unsafe.weapons; manifest thresholds 0.5, 0.6 for toxicity.hate).
    static func fixturePolicy(rules: String = "  - { id: flag-toxicity, when: { score: toxicity, threshold: 0.9 }, then: { action: flag } }") throws -> String {
        try CLIRunner.temporaryFile(Data("""
            version: 1
            name: fixture
            normalize: false
            scanners:
              - id: guard
                type: classifier
                directions: [input, output]
                params: { bundle: "\(fixtureBundle)", models_dir: "\(models)" }
            rules:
            \(rules)

            """.utf8), suffix: ".yaml")
    }

    static func rows(_ lines: [String]) throws -> String {
        try CLIRunner.temporaryFile(Data((lines.joined(separator: "\n") + "\n").utf8), suffix: ".jsonl")
    }

    @Test func rowErrorsAreCappedAndAMissingLabelIsAMissingField() throws {
        let file = try Self.rows((1...100).map { #"{"text": "row \#($0)"}"# })
        let run = try CLIRunner.run(["eval", file, "--task", "injection", "--policy", "patterns"])
        #expect(run.status == 1)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 21)
        #expect(lines.first == "\(file):1: error[missing_field]: no field 'label'")
        #expect(lines.last == "… and 80 more bad rows (100 in all)")
        // A file problem is never hidden behind the cap (QA round 2).
        let withMissing = try CLIRunner.run(["eval", file, "/nonexistent/rows.jsonl", "--task", "injection", "--policy", "patterns"])
        #expect(withMissing.stderr.contains("/nonexistent/rows.jsonl"))
        #expect(withMissing.stderr.contains("… and 80 more bad rows (100 in all)"))
    }

    @Test func aLabelThePolicyNeverReportsIsRefusedBeforeScoring() throws {
        let file = try Self.rows([#"{"text": "hello", "label": 0}"#])
        let run = try CLIRunner.run(["eval", file, "--task", "injection", "--policy", "patterns"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("policy patterns has no label 'injection' (labels: leakage, refusal)"))
        #expect(!run.stderr.contains("row 1"))
        guard Self.modelAvailable else { return }
        let unknown = try CLIRunner.run(["eval", file, "--task", "nosuch", "--policy", try Self.fixturePolicy()])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains(
            "policy fixture has no label 'nosuch' (labels: injection, toxicity, toxicity.hate, toxicity.insult, unsafe, unsafe.weapons)"))
        #expect(!unknown.stderr.contains("row 1"))
    }

    @Test func aFinerLabelUnderAPolicyTakesItsBundlesThreshold() throws {
        guard Self.modelAvailable else { return }
        let file = try Self.rows([#"{"text": "hello", "label": 0}"#, #"{"text": "you idiot", "label": 1}"#])
        let run = try CLIRunner.run(["eval", file, "--task", "toxicity.hate", "--policy", try Self.fixturePolicy()])
        #expect(run.status == 0)
        #expect(run.stdout.contains("## parapet eval — toxicity.hate with policy fixture, threshold 0.6 (policy classifier manifest)"))
        // A label a rule tests is judged where the policy acts: at the rule's threshold (0.9).
        let toxicity = try CLIRunner.run(["eval", file, "--task", "toxicity", "--policy", try Self.fixturePolicy()])
        #expect(toxicity.stdout.contains("threshold 0.9 (policy rule 'flag-toxicity')"))
    }

    @Test func jsonHasEveryKeyWithNullsAndSnakeCase() throws {
        guard Self.modelAvailable else { return }
        let file = try Self.rows([#"{"text": "hello there", "label": 1}"#])
        let run = try CLIRunner.run(["eval", file, "--task", "injection", "--bundle", Self.fixtureBundle, "--models-dir", Self.models,
                                     "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["task", "scorer", "threshold", "threshold_source", "files", "pooled"])
        #expect(object["pooled"] is NSNull)
        let report = try #require((object["files"] as? [[String: Any]])?.first)
        #expect(report["identity_fpr_spread"] is NSNull)
        let overall = try #require(report["overall"] as? [String: Any])
        for key in ["precision", "fpr", "auroc", "auprc", "tpr_at_1pct_fpr", "tpr_at_5pct_fpr"] { #expect(overall[key] is NSNull, "\(key)") }
        #expect(overall["f1"] is Double)  // 0 or 1: one positive row, caught or missed
        #expect(run.stdout.contains("\"true_positives\""))
        #expect(run.stdout.contains("\"mean_score\":null"))
        #expect(!run.stdout.contains("truePositives") && !run.stdout.contains("meanScore"))
        let two = try CLIRunner.run(["eval", file, file, "--task", "injection", "--bundle", Self.fixtureBundle, "--models-dir", Self.models,
                                     "--format", "json"])
        let pooled = try #require(try JSONSerialization.jsonObject(with: Data(two.stdout.utf8)) as? [String: Any])
        #expect(pooled["pooled"] is [String: Any])
    }

    @Test func aOneClassFileGetsANoteInsteadOfASilentlyMissingROCPlot() throws {
        guard Self.modelAvailable else { return }
        let file = try Self.rows([#"{"text": "hello", "label": 0}"#, #"{"text": "good morning", "label": 0}"#])
        let directory = NSTemporaryDirectory() + "parapet-test-plots-\(UUID().uuidString)"
        let run = try CLIRunner.run(["eval", file, "--task", "injection", "--bundle", Self.fixtureBundle, "--models-dir", Self.models,
                                     "--plots", directory])
        #expect(run.status == 0, "\(run.stderr)")
        let name = (file as NSString).lastPathComponent
        #expect(run.stderr.contains("note: no ROC plot for"))
        #expect(run.stderr.contains(name))
        #expect(run.stderr.contains("all 2 rows are negative"))
        let written = try FileManager.default.contentsOfDirectory(atPath: directory)
        #expect(written.contains { $0.hasSuffix("-reliability.svg") })
        #expect(!written.contains { $0.hasSuffix("-roc.svg") })
    }
}
