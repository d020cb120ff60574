import ArgumentParser

/// `parapet audit`: read, verify, report on and prune the decision trail.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "List, show, count, export, verify, report on and purge recorded decisions.",
        discussion: "Every subcommand reads the trail named by --audit URL (or $PARAPET_AUDIT).",
        subcommands: [
            AuditListCommand.self, AuditShowCommand.self, AuditStatsCommand.self, AuditExportCommand.self,
            AuditVerifyCommand.self, AuditReportCommand.self, AuditPurgeCommand.self,
        ]
    )
}
