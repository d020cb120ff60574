import Foundation
import ParapetCore
import ParapetPolicy
import Testing

@Suite("Loading")
struct LoadingTests {
    @Test func minimalPolicyGetsTheDocumentedDefaults() throws {
        let policy = try Support.policy("version: 1\nname: minimal\n")
        #expect(policy.name == "minimal")
        #expect(policy.description == nil)
        #expect(policy.mode == .enforce)
        #expect(policy.normalize == true)
        #expect(policy.overlap == .highestScore)
        #expect(policy.onScannerError == .block)
        #expect(policy.scanners.isEmpty && policy.rules.isEmpty)
    }

    @Test func scannersAndRulesAreReadCompletely() throws {
        let policy = try Support.policy("""
            version: 1
            name: full
            description: "All the keys."
            mode: monitor
            normalize: false
            overlap: longest
            on_scanner_error: allow
            scanners:
              - id: pii
                type: patterns
                directions: [output]
                params: { catalogs: [pii, secrets], min_score: 0.5 }
            rules:
              - id: r1
                description: "a rule"
                when: { category: ["pii.*", secret.jwt], min_score: 0.25, direction: output, min_count: 2, scanner: pii }
                then: { action: rewrite, operator: mask, options: { char: "#", keep_last: 4, keep_separators: true } }
              - id: r2
                when: { score: injection, threshold: 0.8, direction: input }
                then: { action: block, message: "no" }
            """)
        #expect(policy.description == "All the keys.")
        #expect(policy.mode == .monitor && policy.normalize == false && policy.overlap == .longest)
        #expect(policy.onScannerError == .allow)
        let scanner = try #require(policy.scanners.first)
        #expect(scanner.id == "pii" && scanner.type == "patterns" && scanner.directions == [.output])
        #expect(scanner.parameters["catalogs"] == .list([.string("pii"), .string("secrets")]))
        #expect(scanner.parameters["min_score"] == .number(0.5))
        #expect(policy.rules.map(\.id) == ["r1", "r2"])
        guard case .findings(let condition) = policy.rules[0].condition else {
            Issue.record("r1 should be a findings rule")
            return
        }
        #expect(condition.categories == ["pii.*", "secret.jwt"])
        #expect(condition.minScore == 0.25 && condition.direction == .output && condition.minCount == 2)
        #expect(condition.scanner == "pii")
        #expect(condition.scannerLocation == SourceLocation(file: "inline.yaml", line: 16, column: 105))
        #expect(policy.rules[0].operator == .mask(character: "#", keepLast: 4, keepSeparators: true))
        #expect(policy.rules[0].description == "a rule")
        #expect(policy.rules[1].condition == .score(ScoreCondition(key: "injection", threshold: 0.8, direction: .input)))
        #expect(policy.rules[1].message == "no" && policy.rules[1].action == .block)
    }

    @Test func rewriteWithoutOperatorDefaultsToReplace() throws {
        let policy = try Support.policy("""
            version: 1
            name: p
            rules:
              - id: r
                when: { category: pii.email }
                then: { action: rewrite }
            """)
        #expect(policy.rules[0].operator == .replace(template: "<{TYPE}>"))
    }

    @Test func loadsByNameFromTheSearchPaths() throws {
        let loader = Support.loader(searchPaths: ["/nonexistent", Support.fixtures + "/policies"])
        let policy = try loader.load(named: "base")
        #expect(policy.name == "base")
        #expect(policy.rules.map(\.id) == ["block-secrets", "handle-email"])
    }

    @Test func aMissingPolicyIsFileNotFound() {
        let loader = Support.loader(searchPaths: [Support.fixtures + "/policies"])
        #expect(throws: PolicyErrors.self) { try loader.load(named: "nope") }
        do {
            _ = try loader.load(file: "/nonexistent/policy.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.codes == ["file_not_found"])
            #expect(error.errors[0].file == "/nonexistent/policy.yaml")
        }
        #expect(loader.lint(file: "/nonexistent/policy.yaml").map(\.code) == ["file_not_found"])
    }

    @Test func extendsMergesChildOverParent() throws {
        let loader = Support.loader(searchPaths: [Support.fixtures + "/policies"])
        let child = try loader.load(named: "child")
        #expect(child.name == "child")
        #expect(child.description == "Parent policy used by the extends tests.")  // inherited
        #expect(child.mode == .monitor)  // overridden
        #expect(child.onScannerError == .block)  // inherited
        #expect(child.scanners.map(\.id) == ["fake"])
        // handle-email replaced in place; flag-urls appended.
        #expect(child.rules.map(\.id) == ["block-secrets", "handle-email", "flag-urls"])
        #expect(child.rules[1].action == .rewrite && child.rules[1].operator == .pseudonymize)
        #expect(child.rules[1].location.file.hasSuffix("child.yaml"))
        #expect(child.rules[0].location.file.hasSuffix("base.yaml"))
    }

    @Test func extendsByRelativePathAcrossThreeLevels() throws {
        let loader = Support.loader(searchPaths: [])
        let policy = try loader.load(file: Support.fixtures + "/policies/grandchild.yaml")
        #expect(policy.mode == .enforce)
        #expect(policy.scanners.map(\.id) == ["fake", "extra"])
        #expect(policy.rules.map(\.id) == ["block-secrets", "handle-email", "flag-urls"])
        let decision = Support.decide(policy, "call 555-0100 or a@b.example")
        #expect(decision.action == .rewrite)
        #expect(decision.text == "call 555-0100 or <EMAIL_1>")
    }

    @Test func inlineYAMLExtendsThroughTheSearchPaths() throws {
        let loader = Support.loader(searchPaths: [Support.fixtures + "/policies"])
        let policy = try loader.load(yaml: "version: 1\nname: inline\nextends: base\n", source: "<inline>")
        #expect(policy.rules.count == 2)
    }

    @Test func extendsCycleIsReportedWithTheChain() {
        let loader = Support.loader()
        let errors = loader.lint(file: Support.fixtures + "/invalid/extends-cycle-a.yaml")
        #expect(errors.map(\.code) == ["extends_cycle"])
        #expect(errors.first?.message == "extends cycle: extends-cycle-a.yaml → extends-cycle-b.yaml → extends-cycle-a.yaml")
    }

    @Test func aliasesWithinReasonAreRead() throws {
        let policy = try Support.policy("""
            version: 1
            name: aliased
            scanners:
              - id: one
                type: fake
                directions: &both [input, output]
              - id: two
                type: fake
                directions: *both
            rules:
              - id: r1
                when: { category: "pii.*" }
                then: { action: block }
            """)
        #expect(policy.scanners.map(\.id) == ["one", "two"])
    }

    @Test func aProblemInAnAliasedNodeIsReportedOnceAtItsAnchor() {
        let errors = Support.loader().lint(yaml: """
            version: 1
            name: aliased
            scanners:
              - id: one
                type: fake
                directions: &both [input, sideways]
              - id: two
                type: fake
                directions: *both
              - id: three
                type: fake
                directions: *both
            """, source: "a.yaml")
        #expect(errors.map { "\($0.code)@\($0.line):\($0.column)" } == ["bad_value@6:31"])
    }

    @Test func anAliasedPartWithAProblemIsInvalidEverywhereItIsUsed() {
        // Rule b reads the same `then` as rule a: its operator must be refused too (it used to be
        // accepted with the default length, and its key checked alone: `missing_env` for b only).
        let errors = Support.loader().lint(yaml: """
            version: 1
            name: aliased
            scanners:
              - { id: s, type: fake }
            rules:
              - id: a
                when: { category: "pii.*" }
                then: &t { action: rewrite, operator: hash, options: { key_env: PARAPET_TEST_UNSET_VARIABLE, length: 2 } }
              - id: b
                when: { category: "secret.*" }
                then: *t
            """, source: "a.yaml")
        #expect(errors.map(\.code) == ["bad_value"])
    }

    @Test func aRuleUsedTwiceThroughAnAliasSaysSo() {
        let errors = Support.loader().lint(yaml: """
            version: 1
            name: aliased
            scanners:
              - { id: s, type: fake }
            rules:
              - &r { id: a, when: { category: "pii.*" }, then: { action: block } }
              - *r
            """, source: "a.yaml")
        #expect(errors.map(\.code) == ["duplicate_id"])
        #expect(errors.first?.message.contains("used again through an alias") == true)
    }

    @Test func aVeryLongUnknownKeyGetsNoSuggestion() {
        let key = String(repeating: "mode", count: 250)
        let errors = Support.loader().lint(yaml: "version: 1\nname: long\n\(key): enforce\nmdoe: enforce\n", source: "a.yaml")
        #expect(errors.map(\.code) == ["unknown_key", "unknown_key"])
        #expect(errors.first?.message.contains("did you mean") == false)
        #expect(errors.last?.message.contains("did you mean 'mode'") == true)
    }

    @Test func aFileReadByMistakeIsNotEchoed() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parapet-echo-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
            .write(toFile: directory + "/passwd", atomically: true, encoding: .utf8)
        let errors = Support.loader().lint(yaml: "version: 1\nname: child\nextends: \(directory)/passwd\n", source: directory + "/child.yaml")
        #expect(errors.map(\.code) == ["extends_not_found"], "\(errors)")
        #expect(errors.first?.line == 3)
        #expect(errors.first?.message.contains("is not a policy") == true)
        #expect(errors.first?.message.contains("root:x") == false)
        // A mapping that is no policy either: its keys are not listed.
        try "alice: secret-hash-1\nbob: secret-hash-2\n".write(toFile: directory + "/creds", atomically: true, encoding: .utf8)
        let keyed = Support.loader().lint(yaml: "version: 1\nname: child\nextends: \(directory)/creds\n", source: directory + "/child.yaml")
        #expect(keyed.map(\.code) == ["extends_not_found"])
        #expect(!keyed.contains { $0.message.contains("alice") || $0.message.contains("secret") })
        // Long values of a real policy are cut at 40 characters.
        let long = Support.loader().lint(yaml: "version: 1\nname: x\nmode: \(String(repeating: "m", count: 200))\n", source: "long.yaml")
        #expect(long.first?.message.contains(String(repeating: "m", count: 40) + "…") == true)
        #expect(long.first?.message.contains(String(repeating: "m", count: 41)) == false)
    }

    @Test func lesserProblemsGetClearMessages() {
        let directory = Support.loader().lint(file: NSTemporaryDirectory())
        #expect(directory.map(\.code) == ["file_not_found"])
        #expect(directory.first?.message.contains("is a directory") == true)
        let emptyKey = Support.loader().lint(yaml: """
            version: 1
            name: e
            rules:
              - id: r
                when: { category: "pii.*" }
                then: { action: rewrite, operator: hash, options: { key_env: "" } }
            """, source: "e.yaml")
        #expect(emptyKey.map(\.code) == ["bad_value"], "\(emptyKey)")
        let deep = "version: 1\nname: d\ndescription: " + String(repeating: "[", count: 1_100) + String(repeating: "]", count: 1_100) + "\n"
        let nested = Support.loader().lint(yaml: deep, source: "d.yaml")
        #expect(nested.map(\.message) == ["the file nests deeper than 1,000 levels"])
    }

    @Test func errorsPrintLikeACompiler() {
        let error = PolicyError(code: "unknown_key", message: "unknown key 'mdoe'", file: "p.yaml", line: 4, column: 1)
        #expect(error.description == "p.yaml:4:1: error[unknown_key]: unknown key 'mdoe'")
    }

    @Test func typosGetASuggestion() {
        let errors = Support.loader().lint(yaml: "version: 1\nname: x\nmdoe: monitor\n", source: "t.yaml")
        #expect(errors.count == 1)
        #expect(errors.first?.message.contains("did you mean 'mode'?") == true)
    }

    @Test func hashOperatorReadsItsKeyFromTheEnvironment() throws {
        let yaml = """
            version: 1
            name: h
            rules:
              - id: r
                when: { category: pii.email }
                then: { action: rewrite, operator: hash, options: { key_env: MY_KEY, length: 8 } }
            """
        #expect(Support.loader().lint(yaml: yaml, source: "h.yaml").map(\.code) == ["missing_env"])
        let policy = try Support.policy(yaml, environment: ["MY_KEY": "k"])
        #expect(policy.rules[0].operator == .hash(keyEnvironmentVariable: "MY_KEY", length: 8))
        #expect(!policy.canonicalJSON.contains("\"k\""))  // the key itself never enters the digest
    }
}
