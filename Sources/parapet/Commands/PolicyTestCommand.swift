import ArgumentParser
import Parapet

/// `parapet policy test`: run policy test cases.
struct PolicyTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run policy test cases (default: every file in <policy dir>/tests).",
        discussion: "Each case gives a text, a direction and the expected action and findings; failures print a diff."
    )

    @OptionGroup var policyOptions: PolicyOptions

    @Argument(help: "Test files or directories.")
    var paths: [String] = []

    @Flag(name: .shortAndLong, help: "Print every case, not only failures.")
    var verbose = false

    func run() async throws {
        let runner = PolicyTestRunner(loader: policyOptions.loader)
        let targets = paths.isEmpty ? policyOptions.searchPaths.map { $0 + "/tests" } : paths
        var reports: [PolicyTestReport] = []
        do {
            for target in targets {
                if target.hasSuffix(".yaml") || target.hasSuffix(".yml") {
                    reports.append(try runner.run(file: target))
                } else {
                    reports += try runner.run(directory: target)
                }
            }
        } catch {
            for problem in error.errors { Terminal.error(problem.description) }
            throw ExitStatus.error
        }
        var passed = 0
        var failed = 0
        for report in reports {
            for result in report.results {
                if result.passed {
                    passed += 1
                    if verbose { print("PASS \(report.file): \(result.name)") }
                } else {
                    failed += 1
                    print(result.description)
                }
            }
        }
        print("\(passed) passed, \(failed) failed")
        if failed > 0 { throw ExitStatus.error }
    }
}
