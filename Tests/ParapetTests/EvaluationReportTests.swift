import Foundation
@testable import Parapet
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
}
