import ArgumentParser

/// The `parapet` command line: policy checks, batch scans, policy tooling and benchmarks.
@main
struct ParapetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parapet",
        abstract: "Guardrails for LLM calls: scan text for PII, secrets and policy violations.",
        discussion: """
            Exit codes: 0 allowed (or flagged), 1 error, 2 blocked, 3 rewritten, \
            4 scan finished but some records were bad, 5 audit trail failed verification, 64 usage error.
            """,
        version: "0.1.0",
        subcommands: [
            CheckCommand.self, ScanCommand.self, PolicyCommand.self, ModelsCommand.self, BenchCommand.self, EvalCommand.self,
            AuditCommand.self, ServeCommand.self,
        ]
    )
}
