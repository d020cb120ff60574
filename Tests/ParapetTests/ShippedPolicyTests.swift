import Parapet
import Testing

/// Runs every case in `policies/tests/*.yaml` against the shipped policies with the real scanners.
@Suite struct ShippedPolicyTests {
    @Test func everyShippedPolicyCompiles() throws {
        let loader = PolicyLoader(registry: StandardScanners.registry, searchPaths: [RepositoryPaths.policies])
        for name in ["default", "strict", "pii-redact", "monitor", "guarded"] {
            let errors = loader.lint(file: RepositoryPaths.policies + "/\(name).yaml")
            #expect(errors.isEmpty, "\(name): \(errors)")
        }
    }

    @Test func shippedPolicyTestsPass() throws {
        let loader = PolicyLoader(registry: StandardScanners.registry, searchPaths: [RepositoryPaths.policies])
        let reports = try PolicyTestRunner(loader: loader).run(directory: RepositoryPaths.policies + "/tests")
        #expect(reports.count >= 3)
        for report in reports {
            #expect(!report.results.isEmpty, "\(report.file) has no cases")
            for failure in report.failures {
                Issue.record("\(failure)")
            }
        }
    }
}
