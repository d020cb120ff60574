import ArgumentParser
import Foundation
import Parapet
import ParapetAudit

/// `parapet audit report`: one self-contained HTML file with charts.
struct AuditReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a self-contained HTML report: decisions over time, top categories, top rules.")

    @OptionGroup var audit: AuditOptions
    @OptionGroup var filters: AuditFilterOptions

    @Option(name: .shortAndLong, help: "The HTML file to write (- for standard output).")
    var out: String = "parapet-audit-report.html"

    @Option(help: "Time bucket: minute, hour or day.")
    var bucket: Bucket = .day

    @Flag(name: .customLong("no-verify"), help: "Do not verify the chains for the report.")
    var noVerify = false

    func run() async throws {
        let filter = try filters.filter()
        let store = try await audit.openStore()
        var stats = AuditStats(bucketSeconds: bucket.seconds)
        try await reportingAuditErrors { try await store.forEach(filter) { stats.add($0.chained.event) } }
        var verify: VerifyReport?
        if !noVerify { verify = try await reportingAuditErrors { try await ChainVerifier().verify(store) } }
        try await store.close()
        let html = AuditHTMLReport(stats: stats, source: store.url, verify: verify).render()
        // Written in place (not a new file renamed over the path, which would replace a device,
        // a FIFO or a symlink with a plain file), with every write failure an error.
        let sink = try OutputSink(path: out)
        try sink.write(html)
        try sink.close()
        Terminal.error("wrote \(out): \(stats.total) decisions")
    }
}
