import ArgumentParser
import Parapet

/// `parapet policy lint`: compile policies and list every problem with its location.
struct PolicyLintCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Compile policy files and report every problem as file:line:column: error[code]: message."
    )

    @OptionGroup var policyOptions: PolicyOptions

    @Argument(help: "Policy files (default: the --policy).")
    var files: [String] = []

    func run() async throws {
        let targets = files.isEmpty ? [policyOptions.policyPath] : files
        var problems = 0
        for file in targets {
            let errors = policyOptions.loader.lint(file: file)
            for error in errors { print(error.description) }
            if errors.isEmpty { print("\(file): ok") }
            problems += errors.count
        }
        if problems > 0 {
            Terminal.error("\(problems) problem(s)")
            throw ExitStatus.error
        }
    }
}
