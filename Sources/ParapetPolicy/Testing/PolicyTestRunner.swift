import Foundation
import ParapetCore

/// Runs policy test files against policies loaded through a ``PolicyLoader``.
public struct PolicyTestRunner: Sendable {
    /// Loads the policies the suites name.
    public let loader: PolicyLoader

    /// Creates a runner.
    public init(loader: PolicyLoader) {
        self.loader = loader
    }

    /// Runs every `*.yaml`/`*.yml` file in a directory, in name order.
    /// - Throws: every problem in the test files or the policies they name, together.
    public func run(directory: String) throws(PolicyErrors) -> [PolicyTestReport] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        let files = names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        guard !files.isEmpty else {
            throw PolicyErrors([PolicyError(code: PolicyError.Code.fileNotFound,
                                            message: "no policy test files in '\(directory)'",
                                            file: directory, line: 0, column: 0)])
        }
        var reports: [PolicyTestReport] = []
        var errors: [PolicyError] = []
        for file in files {
            do {
                reports.append(try run(file: (directory as NSString).appendingPathComponent(file)))
            } catch {
                errors += error.errors
            }
        }
        guard errors.isEmpty else { throw PolicyErrors(errors) }
        return reports
    }

    /// Loads and runs one test file.
    public func run(file: String) throws(PolicyErrors) -> PolicyTestReport {
        try run(PolicyTestSuite.load(file: file))
    }

    /// Runs a suite: loads its policy once, then evaluates each case with a fresh redactor.
    public func run(_ suite: PolicyTestSuite) throws(PolicyErrors) -> PolicyTestReport {
        let policy: CompiledPolicy
        do {
            policy = try loader.load(named: suite.policy)
        } catch {
            let notFound = error.errors.contains { $0.code == PolicyError.Code.fileNotFound && $0.file == suite.policy }
            if notFound {
                throw PolicyErrors([suite.policyLocation.error(
                    PolicyError.Code.policyNotFound,
                    "no policy named '\(suite.policy)' in \(loader.searchPaths.joined(separator: ", "))")])
            }
            throw error
        }
        let results = suite.cases.map { run($0, policy: policy) }
        return PolicyTestReport(file: suite.file, policy: suite.policy, digest: policy.digest, results: results)
    }

    /// Evaluates one case and compares the decision with its expectation.
    public func run(_ testCase: PolicyTestCase, policy: CompiledPolicy) -> PolicyTestResult {
        let input = ScanInput(text: testCase.text, direction: testCase.direction,
                              conversationID: testCase.conversation ?? "policy-test",
                              context: ScanContext(systemPrompt: testCase.systemPrompt))
        let decision = policy.evaluate(input, redactor: Redactor())
        let failures = PolicyTestResult.compare(testCase.expect, with: decision, original: testCase.text)
        return PolicyTestResult(name: testCase.name, location: testCase.location, failures: failures, decision: decision)
    }
}
