import ArgumentParser
import Parapet
import ParapetAudit

/// `parapet audit show ID`: one recorded decision in full.
struct AuditShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one recorded decision in full.")

    @OptionGroup var audit: AuditOptions

    @Argument(help: "The event id (from audit list).")
    var id: String

    func run() async throws {
        let store = try await audit.openStore()
        let found = try await reportingAuditErrors { try await store.event(id: id) }
        try await store.close()
        guard let found else {
            Terminal.error("\(store.url): error[not_found] no event \(id)")
            throw ExitStatus.error
        }
        print(try AuditJSON.pretty(found.chained))
    }
}
