import ArgumentParser
import Parapet
import ParapetAudit

/// `parapet audit export`: every matching decision as JSONL (the trail's own line format, so an
/// unfiltered export verifies as a `jsonl:` trail) or CSV.
struct AuditExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export recorded decisions as JSONL or CSV, oldest first.")

    @OptionGroup var audit: AuditOptions
    @OptionGroup var filters: AuditFilterOptions

    @Option(help: "jsonl or csv.")
    var format: ExportFormat = .jsonl

    @Option(name: .shortAndLong, help: "Write here instead of standard output.")
    var out: String?

    func run() async throws {
        let filter = try filters.filter()
        let store = try await audit.openStore()
        let sink = try OutputSink(path: out)
        if format == .csv { try sink.write(AuditCSV.line(AuditCSV.header)) }
        try await reportingAuditErrors {
            try await store.forEach(filter) { stored in
                switch format {
                case .jsonl: try sink.write(String(decoding: stored.chained.jsonLine(), as: UTF8.self))
                case .csv: try sink.write(AuditCSV.line(AuditCSV.row(stored.chained)))
                }
            }
        }
        try sink.close()
        try await store.close()
    }
}

/// Export formats.
enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
    case jsonl, csv
}
