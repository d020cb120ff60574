import Foundation
import Parapet

/// Counts kept while scanning, printed at the end.
struct ScanSummary {
    var records = 0
    var badRecords = 0
    var badFiles = 0
    var bytes = 0
    var detectionSeconds = 0.0
    var wallSeconds = 0.0
    var actions: [String: Int] = [:]
    var categories: [String: Int] = [:]

    /// Adds one result.
    mutating func add(_ result: BatchScanner.Result) {
        records += 1
        bytes += result.record.text.utf8.count
        detectionSeconds += result.elapsedMilliseconds / 1_000
        actions[result.decision.action.rawValue, default: 0] += 1
        for finding in result.decision.findings { categories[finding.category.rawValue, default: 0] += 1 }
    }

    /// A readable multi-line summary.
    func render(threads: Int) -> String {
        var lines = ["scanned \(records) records (\(bytes) bytes) with \(threads) thread(s)"
            + (badRecords > 0 ? ", \(badRecords) bad record(s)" : "")
            + (badFiles > 0 ? ", \(badFiles) unreadable file(s)" : "")]
        let actionText = Action.allCases.map { "\($0.rawValue) \(actions[$0.rawValue, default: 0])" }
        lines.append("actions: " + actionText.joined(separator: ", "))
        if !categories.isEmpty {
            lines.append("findings: " + categories.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
                .map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
        let megabytes = Double(bytes) / 1_000_000
        if wallSeconds > 0 {
            // Three significant digits, so a slow run (one 1 MB record scored for minutes) does not read 0.0.
            lines.append(String(format: "throughput: %.3g records/s, %.3g MB/s wall (%.2f s)", Double(records) / wallSeconds, megabytes / wallSeconds, wallSeconds))
        }
        if records > 0 {
            lines.append(String(format: "detection: %.1f µs/record mean, %.1f MB/s per thread", detectionSeconds / Double(records) * 1e6, detectionSeconds > 0 ? megabytes / detectionSeconds : 0))
        }
        return lines.joined(separator: "\n")
    }
}
