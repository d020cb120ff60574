import ArgumentParser
import Parapet
import ParapetAudit

/// `parapet audit stats`: counts by action and category, overall and per time bucket.
struct AuditStatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Count decisions by action and category over time.")

    @OptionGroup var audit: AuditOptions
    @OptionGroup var filters: AuditFilterOptions

    @Option(help: "Time bucket: minute, hour or day.")
    var bucket: Bucket = .day

    @Option(help: "table or json.")
    var format: AuditFormat = .table

    func run() async throws {
        let filter = try filters.filter()
        let store = try await audit.openStore()
        var stats = AuditStats(bucketSeconds: bucket.seconds)
        try await reportingAuditErrors { try await store.forEach(filter) { stats.add($0.chained.event) } }
        try await store.close()
        switch format {
        case .json:
            print(try JSONOutput.encode(stats))
        case .table:
            print("\(stats.total) decisions")
            print(TableRenderer.render([["ACTION", "COUNT"]] + AuditStats.top(stats.actions, 10).map { [$0.name, String($0.count)] }))
            print(TableRenderer.render([["CATEGORY", "COUNT"]] + AuditStats.top(stats.categories, 1_000).map { [$0.name, String($0.count)] }))
            let actions = ["allow", "flag", "rewrite", "block"]
            var rows = [["BUCKET"] + actions.map { $0.uppercased() } + ["TOP CATEGORY"]]
            for item in stats.sortedBuckets {
                let top = AuditStats.top(item.categories, 1).first.map { "\($0.name) (\($0.count))" } ?? "-"
                rows.append([AuditClock.iso(item.startMicros)] + actions.map { String(item.actions[$0] ?? 0) } + [top])
            }
            print(TableRenderer.render(rows), terminator: "")
        }
    }
}

/// A stats time bucket.
enum Bucket: String, ExpressibleByArgument, CaseIterable {
    case minute, hour, day

    /// Width in seconds.
    var seconds: Int64 {
        switch self {
        case .minute: 60
        case .hour: 3_600
        case .day: 86_400
        }
    }
}
