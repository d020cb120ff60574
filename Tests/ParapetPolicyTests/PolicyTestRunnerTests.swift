import ParapetPolicy
import Testing

@Suite("Policy test runner")
struct PolicyTestRunnerTests {
    let runner = PolicyTestRunner(loader: Support.loader(searchPaths: [Support.fixtures + "/policies"]))

    @Test func passingSuitePasses() throws {
        let report = try runner.run(file: Support.fixtures + "/tests/pass.yaml")
        #expect(report.passed, "\(report)")
        #expect(report.results.map(\.name) == ["nothing found", "email is flagged", "secret is blocked"])
        #expect(report.policy == "base" && report.digest.count == 64)
        #expect(report.description.hasSuffix("3/3 passed (policy base)"))
    }

    @Test func failingSuiteShowsAReadableDiff() throws {
        let report = try runner.run(file: Support.fixtures + "/tests/fail.yaml")
        #expect(!report.passed && report.failures.count == 2)
        let first = report.results[0]
        #expect(first.failures == [
            "action: expected block, got flag",
            "findings:\n- missing    pii.phone \"555-0100\"\n+ unexpected pii.email \"a@b.example\" (score 0.9, rule email)",
        ])
        #expect(report.results[1].failures == ["text:\n- expected: \"goodbye\"\n+ actual:   \"hello\""])
        #expect(first.description.hasPrefix("FAIL "))
        #expect(first.location.line == 4)
    }

    @Test func malformedSuiteGivesLocatedErrors() {
        do {
            _ = try runner.run(file: Support.fixtures + "/tests/malformed.yaml")
            Issue.record("a malformed suite ran")
        } catch {
            let found = error.errors.map { "\($0.code)@\($0.line):\($0.column)" }
            #expect(found == ["unknown_key@6:15", "bad_value@9:16", "missing_key@11:5", "bad_value@12:23"])
        }
    }

    @Test func duplicateCaseNamesAreReportedBesideOtherProblems() {
        let yaml = """
            policy: default
            cases:
              - name: same
                text: a
                expect: { action: allow }
              - name: same
                text: 5
                direction: sideways
                expect: { action: allow }
            """
        do {
            _ = try PolicyTestSuite.parse(yaml: yaml, source: "t.yaml")
            Issue.record("a suite with a repeated case name parsed")
        } catch {
            let found = error.errors.map { "\($0.code)@\($0.line):\($0.column)" }
            #expect(Set(found) == ["duplicate_id@6:5", "bad_type@7:11", "bad_value@8:16"], "\(error.errors)")
            #expect(error.errors.first?.message.contains("duplicate case name 'same'") == true)
        }
    }

    @Test func unknownPolicyIsReportedAtThePolicyKey() {
        do {
            _ = try runner.run(file: Support.fixtures + "/tests/missing-policy.yaml")
            Issue.record("ran without a policy")
        } catch {
            #expect(error.errors.map { "\($0.code)@\($0.line):\($0.column)" } == ["policy_not_found@2:9"])
        }
    }

    @Test func runsADirectoryAndCollectsAllErrors() {
        do {
            _ = try runner.run(directory: Support.fixtures + "/tests")
            Issue.record("the directory holds broken files")
        } catch {
            #expect(Set(error.codes) == ["unknown_key", "bad_value", "missing_key", "policy_not_found"])
        }
    }
}
