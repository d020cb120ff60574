import ArgumentParser
import Parapet
import ParapetAudit

/// `parapet audit list`: recorded decisions, newest first.
struct AuditListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List recorded decisions, newest first.")

    @OptionGroup var audit: AuditOptions
    @OptionGroup var filters: AuditFilterOptions

    @Option(help: "At most this many decisions.")
    var limit: Int = 50

    @Option(help: "table or json (a JSON array of events with their chain fields).")
    var format: AuditFormat = .table

    func validate() throws {
        guard limit >= 1 else { throw ValidationError("--limit must be at least 1") }
    }

    func run() async throws {
        let filter = try filters.filter()
        let store = try await audit.openStore()
        let events = try await reportingAuditErrors { try await store.page(filter, after: nil, limit: limit, descending: true) }
        try await store.close()
        switch format {
        case .json:
            print(AuditJSON.array(events.map(\.chained)))
        case .table:
            var rows = [["TIME", "ID", "ACTION", "POLICY", "CATEGORIES", "REQUEST", "ROUTE"]]
            for stored in events {
                let event = stored.chained.event
                rows.append([
                    AuditClock.iso(event.timeMicros), event.id, event.action.rawValue, event.policy,
                    event.categories.isEmpty ? "-" : event.categories.joined(separator: ","), event.requestID ?? "-",
                    event.route ?? "-",
                ])
            }
            print(TableRenderer.render(rows), terminator: "")
        }
    }
}
