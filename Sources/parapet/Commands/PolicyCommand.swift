import ArgumentParser

/// `parapet policy`: lint, test and explain policies.
struct PolicyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Lint, test and explain policies.",
        subcommands: [PolicyLintCommand.self, PolicyTestCommand.self, PolicyExplainCommand.self]
    )
}
