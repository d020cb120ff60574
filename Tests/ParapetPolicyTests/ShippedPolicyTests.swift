import Foundation
import ParapetCore
import ParapetPolicy
import Testing

/// The policies shipped in `policies/` load cleanly (with stand-ins for the real scanner types)
/// and their test files parse. Running the cases against the real scanners is the umbrella
/// target's job (`Tests/ParapetTests/ShippedPolicyTests.swift` and `parapet policy test`).
@Suite("Shipped policies")
struct ShippedPolicyTests {
    static let policies = Support.repositoryRoot + "/policies"
    static let names = ["patterns", "default", "strict", "pii-redact", "monitor"]

    var loader: PolicyLoader { Support.loader(searchPaths: [Self.policies]) }

    @Test(arguments: names)
    func lintsClean(name: String) {
        let errors = loader.lint(file: Self.policies + "/\(name).yaml")
        #expect(errors.isEmpty, "\(errors.map(\.description).joined(separator: "\n"))")
    }

    @Test func patternsBlocksSecretsInRewritesPIIAndBlocksLeaks() throws {
        let policy = try loader.load(named: "patterns")
        #expect(policy.mode == .enforce && policy.onScannerError == .block && policy.normalize)
        #expect(policy.scanners.map(\.type) == ["patterns", "leakage", "refusal"])
        #expect(policy.scanners.first?.parameters["catalogs"] == .list([.string("pii"), .string("secrets")]))
        #expect(policy.rules.map(\.action) == [.block, .rewrite, .rewrite, .rewrite, .block, .flag])
        #expect(policy.rules.map(\.id).suffix(2) == ["block-system-prompt-leak", "flag-refusal"])
        #expect(policy.rules[1].operator == .pseudonymize)
        #expect(!policy.rules.contains { rule in
            if case .findings(let c) = rule.condition { return c.categories.contains { $0.hasPrefix("banned") } }
            return false
        })
    }

    @Test func defaultIsPatternsPlusTheClassifierHeads() throws {
        let policy = try loader.load(named: "default")
        let patterns = try loader.load(named: "patterns")
        #expect(policy.scanners.map(\.id) == patterns.scanners.map(\.id) + ["classifier"])
        #expect(policy.rules.map(\.id) == patterns.rules.map(\.id) + ["block-injection", "block-unsafe", "flag-toxicity"])
        #expect(policy.rules.suffix(3).map(\.action) == [.block, .block, .flag])
        #expect(policy.mode == .enforce && policy.onScannerError == .block)
    }

    @Test func strictExtendsDefaultAndBlocksMore() throws {
        let strict = try loader.load(named: "strict")
        let base = try loader.load(named: "default")
        #expect(strict.scanners.map(\.id) == base.scanners.map(\.id) + ["banlist.markings"])
        #expect(strict.rules.map(\.id) == base.rules.map(\.id) + ["block-high-risk-pii", "block-banned-terms"])
        #expect(strict.rules[0].condition.direction == nil)  // block-secrets now covers both directions
        #expect(strict.digest != base.digest)
    }

    @Test func piiRedactNeverBlocks() throws {
        let policy = try loader.load(named: "pii-redact")
        #expect(policy.rules.allSatisfy { $0.action == .rewrite })
        #expect(policy.onScannerError == .allow)
    }

    @Test func monitorIsDefaultInMonitorMode() throws {
        let monitor = try loader.load(named: "monitor")
        #expect(monitor.mode == .monitor)
        #expect(monitor.rules == (try loader.load(named: "default")).rules)
    }

    @Test(arguments: names)
    func testFilesParseAndNameTheirPolicy(name: String) throws {
        let suite = try PolicyTestSuite.load(file: Self.policies + "/tests/\(name).yaml")
        #expect(suite.policy == name)
        #expect(suite.cases.count >= 3)
        #expect(suite.cases.allSatisfy { $0.expect.action != nil })
    }
}
