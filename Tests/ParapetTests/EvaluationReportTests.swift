import Foundation
@testable import Parapet
import ParapetTesting
import Testing

/// `parapet eval`'s report: breakdowns, identity FPR spread, Markdown and SVG, record parsing.
@Suite struct EvaluationReportTests {
    /// Two identity groups on a madlibs-like set: group "a" has 1 false positive of 4 negatives,
    /// group "b" none of 4; one positive each, both caught at threshold 0.5.
    static let rows: [ScoredRow] = [
        ScoredRow(label: false, score: 0.7, category: "name_adj", target: "a"),
        ScoredRow(label: false, score: 0.1, category: "name_adj", target: "a"),
        ScoredRow(label: false, score: 0.2, category: "name_adj", target: "a"),
        ScoredRow(label: false, score: 0.3, category: "being_adj", target: "a"),
        ScoredRow(label: true, score: 0.9, category: "being_adj", target: "a"),
        ScoredRow(label: false, score: 0.1, category: "name_adj", target: "b"),
        ScoredRow(label: false, score: 0.2, category: "name_adj", target: "b"),
        ScoredRow(label: false, score: 0.3, category: "name_adj", target: "b"),
        ScoredRow(label: false, score: 0.4, category: "being_adj", target: "b"),
        ScoredRow(label: true, score: 0.8, category: "being_adj", target: "b"),
    ]

    @Test func breakdownsAndIdentitySpread() throws {
        let report = EvaluationReport(name: "madlibs.jsonl", task: "toxicity", rows: Self.rows, threshold: 0.5, minimumGroupNegatives: 4)
        #expect(report.overall.rows == 10)
        #expect(report.overall.confusion == .init(truePositives: 2, falsePositives: 1, trueNegatives: 7, falseNegatives: 0))
        #expect(report.overall.auroc == 1)  // both positives (0.9, 0.8) above every negative (≤ 0.7)
        #expect(report.byCategory.keys.sorted() == ["being_adj", "name_adj"])
        #expect(report.byTarget["a"]?.falsePositiveRate == 0.25)
        #expect(report.byTarget["b"]?.falsePositiveRate == 0)
        let spread = try #require(report.identitySpread)
        #expect(spread.spread == 0.25)
        #expect(spread.max == 0.25)
        #expect(abs(spread.standardDeviation - 0.125) < 1e-12)
        #expect(report.byTarget["a"]?.notes.isEmpty == true)
    }

    @Test func benignSetsReportTheirFalsePositiveRateAndNoRankingMetrics() throws {
        let rows = (0..<20).map { ScoredRow(label: false, score: Double($0) / 20) }
        let report = EvaluationReport(name: "benign.jsonl", task: "injection", rows: rows, threshold: 0.8)
        #expect(report.overall.falsePositiveRate == 0.2)  // 0.80, 0.85, 0.90, 0.95
        #expect(report.overall.auroc == nil)
        #expect(report.overall.notes.contains { $0.contains("needs both classes") })
        #expect(report.markdown.contains("Benign set: 4 of 20 texts flagged (FPR 20.0%)"))
        #expect(EvaluationPlots.roc(report) == nil)
        let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        #expect(json.contains("\"fpr\":0.2"))
        #expect(!json.contains("\"roc\""))
    }

    @Test func markdownAndPlots() throws {
        let report = EvaluationReport(name: "set.jsonl", task: "toxicity", rows: Self.rows, threshold: 0.5, minimumGroupNegatives: 4)
        let md = report.markdown
        #expect(md.contains("| 10 | 2 | 8 | 0.500 | 0.667 | 1.000 | 0.800 | 0.125 | 1.000 | 1.000 | 1.000 | 1.000 |"))
        #expect(md.contains("By target group:"))
        #expect(md.contains("spread 25.0%"))
        let roc = try #require(EvaluationPlots.roc(report))
        #expect(roc.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(roc.contains("AUROC 1.000"))
        let reliability = try #require(EvaluationPlots.reliability(report))
        #expect(reliability.contains("<circle"))
        #expect(roc.hasSuffix("</svg>\n"))
        #expect(roc.contains("<polyline"))
    }

    @Test(arguments: [
        (#"{"text": "hi", "label": 1, "category": "c", "target": "women", "lang": "en"}"#, true, "women"),
        (#"{"text": "hi", "label": false}"#, false, nil),
        (#"{"text": "hi", "label": "0", "target": ""}"#, false, nil),
    ])
    func recordsParse(_ line: String, _ label: Bool, _ target: String?) throws {
        let record = try #require(try LabelledRecord.parse(line, lineNumber: 1, file: "f.jsonl"))
        #expect(record.label == label)
        #expect(record.target == target)
    }

    @Test func linesScanRefusesAreRefusedHereToo() {
        func code(_ line: LineReader.Line) -> String? {
            do {
                _ = try LabelledRecord.parse(line, file: "f.jsonl")
                return nil
            } catch let error as InputError {
                return error.code
            } catch {
                return "other"
            }
        }
        #expect(code(.tooLong(number: 3, length: 17_000_000)) == "line_too_long")
        #expect(code(.bytes(number: 3, Array(#"{"text": "caf"#.utf8) + [0xE9] + Array(#"", "label": 1}"#.utf8))) == "invalid_utf8")
        #expect(code(.bytes(number: 3, Array(#"{"text": "hi", "label": 0, "label": 1}"#.utf8))) == "invalid_json")
        #expect(code(.bytes(number: 3, Array(#"{"text": "hi", "label": 1}"#.utf8))) == nil)
    }

    @Test func dataValuesCannotBreakTheMarkdownTables() {
        let rows = [
            ScoredRow(label: true, score: 0.9, category: "a|b", target: nil, lang: nil),
            ScoredRow(label: false, score: 0.1, category: "line\nbreak", target: nil, lang: nil),
        ]
        let markdown = EvaluationReport(name: "x|y.jsonl", task: "injection", rows: rows, threshold: 0.5).markdown
        #expect(markdown.contains(#"| a\|b | 1 |"#))
        #expect(markdown.contains("| line break | 1 |"))
        #expect(markdown.contains(#"### x\|y.jsonl"#))
        #expect(MarkupText.escape("a\u{01}<b>\"") == "a?&lt;b&gt;&quot;")
    }

    @Test func badRecordsNameFileAndLine() {
        #expect(throws: InputError.self) { try LabelledRecord.parse(#"{"text": "hi", "label": 2}"#, lineNumber: 7, file: "f.jsonl") }
        #expect(throws: InputError.self) { try LabelledRecord.parse(#"{"label": 1}"#, lineNumber: 7, file: "f.jsonl") }
        #expect((try? LabelledRecord.parse("   ", lineNumber: 1, file: "f")) == .some(nil))
    }

    /// The report as a JSON object, as `parapet eval --format json` writes it.
    static func json(_ value: some Encodable) throws -> [String: Any] {
        let data = try JSONEncoder().encode(value)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func everyDocumentedKeyIsInTheJSONWithNullForUndefinedMetrics() throws {
        // One positive row, missed: no precision, no FPR, no ranking metrics, empty bins, no spread.
        let report = EvaluationReport(name: "one.jsonl", task: "injection", rows: [ScoredRow(label: true, score: 0.1)], threshold: 0.5)
        let object = try Self.json(report)
        #expect(Set(object.keys) == ["name", "task", "overall", "by_category", "by_target", "by_lang", "identity_fpr_spread"])
        #expect(object["identity_fpr_spread"] is NSNull)
        let overall = try #require(object["overall"] as? [String: Any])
        #expect(Set(overall.keys) == ["rows", "positives", "negatives", "threshold", "confusion", "precision", "recall", "f1", "fpr",
                                      "auroc", "auprc", "tpr_at_1pct_fpr", "tpr_at_5pct_fpr", "ece", "reliability", "notes"])
        for key in ["precision", "fpr", "auroc", "auprc", "tpr_at_1pct_fpr", "tpr_at_5pct_fpr"] { #expect(overall[key] is NSNull, "\(key)") }
        #expect(overall["f1"] as? Double == 0)
        let bins = try #require(overall["reliability"] as? [[String: Any]])
        #expect(bins.count == 10)
        #expect(bins.allSatisfy { Set($0.keys) == ["lower", "upper", "count", "mean_score", "positive_rate"] })
        #expect(bins[5]["mean_score"] is NSNull && bins[5]["positive_rate"] is NSNull)
        #expect(bins[1]["mean_score"] as? Double == 0.1)
    }

    @Test func jsonKeysAreSnakeCase() throws {
        let report = EvaluationReport(name: "set.jsonl", task: "toxicity", rows: Self.rows, threshold: 0.5, minimumGroupNegatives: 4)
        let text = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        for key in ["true_positives", "false_positives", "true_negatives", "false_negatives", "mean_score", "positive_rate",
                    "min_targets", "max_targets"] {
            #expect(text.contains("\"\(key)\""), "\(key)")
        }
        #expect(text.range(of: #""[a-z]+[A-Z][A-Za-z]*":"#, options: .regularExpression) == nil)  // no camelCase key
        let overall = try #require(try Self.json(report)["overall"] as? [String: Any])
        let confusion = try #require(overall["confusion"] as? [String: Int])
        #expect(confusion == ["true_positives": 2, "false_positives": 1, "true_negatives": 7, "false_negatives": 0])
    }

    @Test func f1IsZeroWhenNothingIsCaughtAndUndefinedOnlyWithoutTPFPOrFN() throws {
        let missed = BinaryEvaluation(scores: [0.1, 0.2, 0.9], labels: [true, false, false], threshold: 0.5)  // TP 0, FP 1, FN 1
        #expect(missed.precision == 0 && missed.recall == 0)
        #expect(missed.f1 == 0)
        let onlyFalseAlarms = BinaryEvaluation(scores: [0.9], labels: [false], threshold: 0.5)  // precision 0, recall undefined
        #expect(onlyFalseAlarms.f1 == 0)
        let onlyMisses = BinaryEvaluation(scores: [0.1], labels: [true], threshold: 0.5)  // precision undefined
        #expect(onlyMisses.f1 == 0)
        let quiet = BinaryEvaluation(scores: [0.1, 0.2], labels: [false, false], threshold: 0.5)  // 2TP + FP + FN = 0
        #expect(quiet.f1 == nil)
        let caught = BinaryEvaluation(scores: [0.9, 0.8, 0.1], labels: [true, false, true], threshold: 0.5)  // TP 1, FP 1, FN 1
        #expect(caught.f1 == 0.5)
        // Per-category rows use the same evaluation: the missed category shows 0.000, not "–".
        let rows = [ScoredRow(label: true, score: 0.1, category: "missed"), ScoredRow(label: false, score: 0.1, category: "missed"),
                    ScoredRow(label: true, score: 0.9, category: "caught")]
        let report = EvaluationReport(name: "f.jsonl", task: "injection", rows: rows, threshold: 0.5)
        #expect(report.byCategory["missed"]?.f1 == 0)
        #expect(report.markdown.contains("| missed | 2 | 1 | 1 | – | 0.000 | 0.000 | 0.000 | 0.500 |"))
    }

    @Test func tiedIdentityGroupsAreAllNamedInOrder() throws {
        // Four groups of 5 negatives: "a" flags none, "b", "c" and "d" one each (20.0 %).
        var rows: [ScoredRow] = []
        for target in ["d", "b", "a", "c"] {
            for i in 0..<5 { rows.append(ScoredRow(label: false, score: target != "a" && i == 0 ? 0.9 : 0.1, target: target)) }
        }
        for _ in 0..<20 {  // dictionary order differs between runs and instances; the report must not
            let report = EvaluationReport(name: "ties.jsonl", task: "toxicity", rows: rows, threshold: 0.5)
            let spread = try #require(report.identitySpread)
            #expect(spread.maxTargets == ["b", "c", "d"])
            #expect(spread.minTargets == ["a"])
            #expect(report.markdown.contains("min 0.0% (a), max 20.0% (b, c, d), spread 20.0%"))
            let json = try #require(try Self.json(report)["identity_fpr_spread"] as? [String: Any])
            #expect(json["max_targets"] as? [String] == ["b", "c", "d"])
        }
    }

    @Test func aFileWithOneClassSaysWhyItHasNoROCPlot() throws {
        let benign = EvaluationReport(name: "b.jsonl", task: "injection", rows: [ScoredRow(label: false, score: 0.2)], threshold: 0.5)
        #expect(EvaluationPlots.whyNoROC(benign)?.contains("all 1 rows are negative") == true)
        #expect(EvaluationPlots.reliability(benign) != nil)
        let attacks = EvaluationReport(name: "a.jsonl", task: "injection", rows: [ScoredRow(label: true, score: 0.2)], threshold: 0.5)
        #expect(EvaluationPlots.whyNoROC(attacks)?.contains("positive") == true)
        let both = EvaluationReport(name: "set.jsonl", task: "toxicity", rows: Self.rows, threshold: 0.5)
        #expect(EvaluationPlots.whyNoROC(both) == nil)
    }

    @Test func aMissingLabelIsAMissingField() {
        do {
            _ = try LabelledRecord.parse(#"{"text": "hi"}"#, lineNumber: 4, file: "f.jsonl")
            Issue.record("a row without a label was accepted")
        } catch let error as InputError {
            #expect(error.code == "missing_field")
            #expect(error.message == "no field 'label'")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    /// A scanner reporting `tox` with a shipped threshold, like a classifier bundle.
    struct ThresholdScanner: ScoreThresholdProviding {
        let id: String
        var defaultThresholds: [String: Double] { ["tox": 0.4] }
        func scan(_ input: ScanInput) throws -> ScanOutcome { ScanOutcome(scores: ["tox": 0.5]) }
    }

    static func policy(_ rules: String) throws -> CompiledPolicy {
        var registry = ScannerRegistry()
        FakeScanner.register(in: &registry)
        registry.register("threshold") { id, _ in ThresholdScanner(id: id) }
        return try PolicyLoader(registry: registry, searchPaths: []).load(yaml: """
            version: 1
            name: t
            scanners:
              - { id: fake, type: fake, params: { scores: [{ key: injection, score: 0.3 }] } }
              - { id: tox, type: threshold }
            rules:
            \(rules)
            """, source: "t.yaml")
    }

    @Test func thePolicyThresholdIsTheRuleForTheEvaluatedDirection() throws {
        let policy = try Self.policy("""
              - { id: out, when: { score: injection, threshold: 0.9, direction: output }, then: { action: block } }
              - { id: in, when: { score: injection, threshold: 0.2, direction: input }, then: { action: block } }
              - { id: any, when: { score: injection, threshold: 0.7 }, then: { action: flag } }
            """)
        #expect(policy.evaluationThreshold(for: "injection", direction: .input) == EvaluationThreshold(value: 0.2, source: "policy rule 'in'"))
        #expect(policy.evaluationThreshold(for: "injection", direction: .output) == EvaluationThreshold(value: 0.9, source: "policy rule 'out'"))
        let undirected = try Self.policy("""
              - { id: any, when: { score: injection, threshold: 0.7 }, then: { action: flag } }
            """)
        #expect(undirected.evaluationThreshold(for: "injection", direction: .output)?.value == 0.7)
    }

    @Test func theRuleComesBeforeTheScannersShippedThreshold() throws {
        let policy = try Self.policy("""
              - { id: tox, when: { score: tox, threshold: 0.9, direction: output }, then: { action: flag } }
            """)
        // Where the policy acts, its rule decides; elsewhere the scanner's own threshold.
        #expect(policy.evaluationThreshold(for: "tox", direction: .output) == EvaluationThreshold(value: 0.9, source: "policy rule 'tox'"))
        #expect(policy.evaluationThreshold(for: "tox", direction: .input) == EvaluationThreshold(value: 0.4, source: "policy classifier manifest"))
        #expect(policy.evaluationThreshold(for: "nosuch", direction: .input) == nil)
        #expect(policy.evaluationLabels == ["tox"])  // the fake does not say what it reports, and no rule tests `injection`
    }

    @Test func theHeadingNamesTheThresholdSourceOnce() {
        // Every manifest label has a threshold, so the fallback is hard to reach from the CLI.
        #expect(EvaluationReport.heading(task: "toxicity.hate", scorer: "policy p", threshold: .fallback)
            == "## parapet eval — toxicity.hate with policy p, threshold 0.5 (no default found)")
        #expect(EvaluationReport.heading(task: "injection", scorer: "bundle b 0.1.0", threshold: .given(0.7))
            == "## parapet eval — injection with bundle b 0.1.0, threshold 0.7 (--threshold)")
    }
}
