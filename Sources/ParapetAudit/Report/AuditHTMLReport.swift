import Foundation
import ParapetCore

/// A self-contained HTML report: inline CSS and SVG charts (decisions over time, top
/// categories, top rules), no scripts and no external assets. Every text from the trail is
/// HTML-escaped.
public struct AuditHTMLReport: Sendable {
    /// The counts to draw.
    public var stats: AuditStats
    /// The trail's URL (password removed), shown in the header.
    public var source: String
    /// When the report was made, in microseconds since the epoch.
    public var generatedMicros: Int64
    /// The chain verification result, if it was run.
    public var verify: VerifyReport?

    /// Colours per action.
    static let colors = ["allow": "#4c9a5a", "flag": "#d9a400", "rewrite": "#3c78c3", "block": "#c43c3c"]
    static let actionOrder = ["allow", "flag", "rewrite", "block"]

    /// Creates a report.
    public init(stats: AuditStats, source: String, generatedMicros: Int64 = AuditClock.nowMicros(), verify: VerifyReport? = nil) {
        self.stats = stats
        self.source = source
        self.generatedMicros = generatedMicros
        self.verify = verify
    }

    /// The whole HTML document.
    public func render() -> String {
        var html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Parapet audit report</title>
            <style>
            body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2em auto;max-width:1000px;color:#222;padding:0 1em}
            h1{font-size:1.5em}h2{font-size:1.15em;margin-top:2em}table{border-collapse:collapse}
            td,th{padding:.25em .8em;border-bottom:1px solid #ddd;text-align:left}td.n{text-align:right}
            .ok{color:#2d7a3a;font-weight:bold}.bad{color:#b02020;font-weight:bold}svg text{font-size:11px;fill:#333}
            .legend span{display:inline-block;margin-right:1em}.sw{display:inline-block;width:10px;height:10px;margin-right:4px}
            </style></head><body>
            <h1>Parapet audit report</h1>

            """
        html += "<p>Trail <code>\(Self.escape(source))</code>, generated \(Self.escape(AuditClock.iso(generatedMicros))).</p>\n"
        if let first = stats.firstMicros, let last = stats.lastMicros {
            html += "<p>\(stats.total) decisions from \(Self.escape(AuditClock.iso(first))) to \(Self.escape(AuditClock.iso(last))).</p>\n"
        } else {
            html += "<p>No decisions in range.</p>\n"
        }
        html += verifySection()
        html += "<h2>Decisions by action</h2>\n<table><tr><th>Action</th><th>Decisions</th></tr>\n"
        for action in Self.actionOrder {
            html += "<tr><td>\(action)</td><td class=\"n\">\(stats.actions[action] ?? 0)</td></tr>\n"
        }
        html += "</table>\n<h2>Decisions over time</h2>\n" + timeChart()
        html += "<h2>Top categories</h2>\n" + barChart(AuditStats.top(stats.categories, 15), color: "#6a5acd")
        html += "<h2>Top rules</h2>\n" + barChart(AuditStats.top(stats.rules, 15), color: "#2f8f8f")
        html += "<h2>Policies</h2>\n<table><tr><th>Policy @ digest</th><th>Decisions</th></tr>\n"
        for (name, count) in AuditStats.top(stats.policies, 50) {
            html += "<tr><td><code>\(Self.escape(name))</code></td><td class=\"n\">\(count)</td></tr>\n"
        }
        html += "</table>\n</body></html>\n"
        return html
    }

    private func verifySection() -> String {
        guard let verify else { return "" }
        if let problem = verify.problem {
            return "<p class=\"bad\">Chain verification FAILED: \(Self.escape(problem.description))</p>\n"
        }
        return "<p class=\"ok\">Chain verification passed: \(verify.events) events in \(verify.chains.count) chains.</p>\n"
    }

    /// Stacked bars per time bucket, one colour per action.
    private func timeChart() -> String {
        let buckets = stats.sortedBuckets
        guard !buckets.isEmpty else { return "<p>No data.</p>\n" }
        let width = 960.0, height = 240.0, left = 50.0, bottom = 40.0
        let maximum = Double(buckets.map { $0.actions.values.reduce(0, +) }.max() ?? 1)
        let slot = (width - left) / Double(buckets.count)
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\" aria-label=\"Decisions over time\">\n"
        svg += "<line x1=\"\(left)\" y1=\"\(height - bottom)\" x2=\"\(width)\" y2=\"\(height - bottom)\" stroke=\"#999\"/>\n"
        svg += "<text x=\"\(left - 6)\" y=\"14\" text-anchor=\"end\">\(Int(maximum))</text>\n"
        svg += "<text x=\"\(left - 6)\" y=\"\(height - bottom)\" text-anchor=\"end\">0</text>\n"
        let labelEvery = max(1, buckets.count / 8)
        for (index, bucket) in buckets.enumerated() {
            var y = height - bottom
            let x = left + Double(index) * slot
            for action in Self.actionOrder {
                let count = bucket.actions[action] ?? 0
                guard count > 0 else { continue }
                let barHeight = Double(count) / maximum * (height - bottom - 10)
                y -= barHeight
                svg += "<rect x=\(Self.attr(x + slot * 0.1)) y=\(Self.attr(y)) width=\(Self.attr(max(1, slot * 0.8))) height=\(Self.attr(barHeight)) fill=\"\(Self.colors[action] ?? "#888")\">"
                svg += "<title>\(Self.escape(AuditClock.iso(bucket.startMicros))) \(action): \(count)</title></rect>\n"
            }
            if index % labelEvery == 0 {
                let label = String(AuditClock.iso(bucket.startMicros).prefix(16)).replacingOccurrences(of: "T", with: " ")
                svg += "<text x=\(Self.attr(x + slot / 2)) y=\(Self.attr(height - bottom + 16)) text-anchor=\"middle\">\(Self.escape(label))</text>\n"
            }
        }
        svg += "</svg>\n<div class=\"legend\">"
        for action in Self.actionOrder {
            svg += "<span><i class=\"sw\" style=\"background:\(Self.colors[action] ?? "#888")\"></i>\(action)</span>"
        }
        return svg + "</div>\n"
    }

    /// Horizontal bars with labels and counts.
    private func barChart(_ rows: [(name: String, count: Int)], color: String) -> String {
        guard !rows.isEmpty else { return "<p>None.</p>\n" }
        let width = 960.0, label = 330.0, rowHeight = 22.0
        let maximum = Double(rows.map(\.count).max() ?? 1)
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(rowHeight * Double(rows.count) + 4))\" role=\"img\">\n"
        for (index, row) in rows.enumerated() {
            let y = Double(index) * rowHeight
            let barWidth = max(1, Double(row.count) / maximum * (width - label - 70))
            svg += "<text x=\(Self.attr(label - 8)) y=\(Self.attr(y + 15)) text-anchor=\"end\">\(Self.escape(String(row.name.prefix(48))))</text>\n"
            svg += "<rect x=\(Self.attr(label)) y=\(Self.attr(y + 3)) width=\(Self.attr(barWidth)) height=\"16\" fill=\"\(color)\"><title>\(Self.escape(row.name)): \(row.count)</title></rect>\n"
            svg += "<text x=\(Self.attr(label + barWidth + 6)) y=\(Self.attr(y + 15))>\(row.count)</text>\n"
        }
        return svg + "</svg>\n"
    }

    /// A quoted numeric SVG attribute value.
    private static func attr(_ value: Double) -> String { "\"" + String(format1: value) + "\"" }

    /// Escapes text for HTML element content and attribute values (``MarkupText/escape(_:)``).
    public static func escape(_ text: String) -> String { MarkupText.escape(text) }
}

extension String {
    /// A number with one decimal, without Foundation.
    init(format1 value: Double) {
        let tenths = Int64((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        self = "\(sign)\(abs(tenths) / 10).\(abs(tenths) % 10)"
    }
}
