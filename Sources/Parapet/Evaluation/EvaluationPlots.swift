import Foundation
import ParapetCore

/// Self-contained SVG plots of an evaluation: the ROC curve and the reliability diagram.
public enum EvaluationPlots {
    static let size = 360.0, margin = 48.0

    /// The ROC curve with the chance diagonal, AUROC in the title; nil without both classes.
    public static func roc(_ report: EvaluationReport) -> String? {
        let e = report.overall
        guard e.roc.count > 1, let auroc = e.auroc else { return nil }
        let points = e.roc.map { point(x: $0.fpr, y: $0.tpr) }.joined(separator: " ")
        return frame(title: "ROC — \(report.name) (\(report.task)), AUROC \(String(format: "%.3f", auroc))",
                     xLabel: "false-positive rate", yLabel: "true-positive rate",
                     body: "<polyline points=\"\(point(x: 0, y: 0)) \(point(x: 1, y: 1))\" fill=\"none\" stroke=\"#999\" stroke-dasharray=\"4 4\"/>\n"
                        + "<polyline points=\"\(points)\" fill=\"none\" stroke=\"#1f6fb2\" stroke-width=\"2\"/>")
    }

    /// Why ``roc(_:)`` draws nothing for `report` (nil when it draws a curve): a ROC curve needs
    /// both classes.
    public static func whyNoROC(_ report: EvaluationReport) -> String? {
        guard roc(report) == nil else { return nil }
        let e = report.overall
        if e.rows == 0 { return "it has no rows" }
        if e.positives == 0 { return "all \(e.rows) rows are negative (label 0); a ROC curve needs both classes" }
        if e.negatives == 0 { return "all \(e.rows) rows are positive (label 1); a ROC curve needs both classes" }
        return "the ROC curve could not be computed (\(e.notes.joined(separator: "; ")))"
    }

    /// Mean score against positive rate per bin (dot area ∝ rows), with the diagonal of perfect
    /// calibration; nil without rows.
    public static func reliability(_ report: EvaluationReport) -> String? {
        let e = report.overall
        guard !e.reliability.isEmpty, let ece = e.expectedCalibrationError else { return nil }
        let maxCount = Double(e.reliability.map(\.count).max() ?? 1)
        var body = "<polyline points=\"\(point(x: 0, y: 0)) \(point(x: 1, y: 1))\" fill=\"none\" stroke=\"#999\" stroke-dasharray=\"4 4\"/>\n"
        var line: [String] = []
        for bin in e.reliability {
            guard let mean = bin.meanScore, let rate = bin.positiveRate else { continue }
            let radius = 3 + 7 * (Double(bin.count) / maxCount).squareRoot()
            let (x, y) = coordinates(x: mean, y: rate)
            body += String(format: "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"#d9822b\" fill-opacity=\"0.7\"><title>%.1f–%.1f: %d rows</title></circle>\n",
                           x, y, radius, bin.lower, bin.upper, bin.count)
            line.append(point(x: mean, y: rate))
        }
        body += "<polyline points=\"\(line.joined(separator: " "))\" fill=\"none\" stroke=\"#d9822b\"/>"
        return frame(title: "Reliability — \(report.name) (\(report.task)), ECE \(String(format: "%.3f", ece))",
                     xLabel: "mean score", yLabel: "fraction positive", body: body)
    }

    static func coordinates(x: Double, y: Double) -> (Double, Double) {
        (margin + x * size, margin + (1 - y) * size)
    }

    static func point(x: Double, y: Double) -> String {
        let (px, py) = coordinates(x: x, y: y)
        return String(format: "%.1f,%.1f", px, py)
    }

    static func frame(title: String, xLabel: String, yLabel: String, body: String) -> String {
        let w = size + 2 * margin
        var ticks = ""
        for i in 0...5 {
            let v = Double(i) / 5
            let (x, _) = coordinates(x: v, y: 0)
            let (_, y) = coordinates(x: 0, y: v)
            ticks += String(format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>", x, margin, x, margin + size)
            ticks += String(format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>\n", margin, y, margin + size, y)
            ticks += String(format: "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%.1f</text>", x, margin + size + 16, v)
            ticks += String(format: "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%.1f</text>\n", margin - 6, y + 4, v)
        }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(w))" height="\(Int(w))" viewBox="0 0 \(Int(w)) \(Int(w))" font-family="sans-serif" font-size="11">
            <rect width="100%" height="100%" fill="white"/>
            \(ticks)<rect x="\(margin)" y="\(margin)" width="\(size)" height="\(size)" fill="none" stroke="#333"/>
            <text x="\(w / 2)" y="20" text-anchor="middle" font-size="12">\(MarkupText.escape(title))</text>
            <text x="\(w / 2)" y="\(w - 10)" text-anchor="middle">\(xLabel)</text>
            <text x="14" y="\(w / 2)" text-anchor="middle" transform="rotate(-90 14 \(w / 2))">\(yLabel)</text>
            \(body)
            </svg>

            """
    }
}
