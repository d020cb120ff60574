import ArgumentParser
import Parapet
import ParapetAudit

/// `parapet audit verify`: checks every hash chain; exit 5 and the first broken link if any.
struct AuditVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check every chain of the trail and report the first broken link.",
        discussion: "Exit code: 0 every chain verifies, 5 a link is broken, 1 the trail cannot be read.")

    @OptionGroup var audit: AuditOptions

    @Flag(help: "Print each chain with its head hash.")
    var chains = false

    func run() async throws {
        let store = try await audit.openStore()
        let report = try await reportingAuditErrors { try await ChainVerifier().verify(store) }
        try await store.close()
        if chains {
            var rows = [["CHAIN", "FIRST", "LAST", "EVENTS", "HEAD", "PURGED UP TO"]]
            for chain in report.chains {
                rows.append([
                    chain.chain, String(chain.firstSeq), String(chain.lastSeq), String(chain.events), chain.head,
                    chain.anchoredAt.map(String.init) ?? "-",
                ])
            }
            print(TableRenderer.render(rows), terminator: "")
        }
        for warning in report.warnings { Terminal.error("warning: \(warning.description)") }
        if let problem = report.problem {
            print("BROKEN: \(problem.description)")
            throw ExitStatus.auditBroken
        }
        print("OK: \(report.events) events in \(report.chains.count) chains verify")
    }
}
