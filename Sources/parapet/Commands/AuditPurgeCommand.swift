import ArgumentParser
import Parapet
import ParapetAudit

/// `parapet audit purge --before DATE`: retention. Each chain keeps an anchor (last purged
/// sequence and hash) so the rest still verifies.
struct AuditPurgeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge",
        abstract: "Delete decisions made before a date (per chain, the whole prefix up to the last such decision).",
        discussion: "For a jsonl: trail the file is rewritten: stop its writers first.")

    @OptionGroup var audit: AuditOptions

    @Option(help: "Delete decisions made before this time (YYYY-MM-DD[THH:MM[:SS]] UTC, or Unix seconds).")
    var before: String

    func run() async throws {
        guard let micros = AuditClock.parse(before) else { throw ValidationError("--before: not a date or time: \(before)") }
        let store = try await audit.openStore()
        let removed = try await reportingAuditErrors { try await store.purge(beforeMicros: micros) }
        try await store.close()
        print("purged \(removed) decisions made before \(AuditClock.iso(micros))")
    }
}
